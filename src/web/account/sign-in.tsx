// Members sign in without a password: `/account/sign-in` mails a one-time link (to known addresses
// only, saying the same words either way); the link's page asks for one click, so a mail scanner
// that fetches it signs nobody in. `/account/sign-out` ends the session.
import { endSession, peekLink, requestSignInLink, signInWithLink, SESSION_TTL_MS } from '../../auth/index.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { clearCookie, SESSION_COOKIE, writeCookie } from '../middleware/cookies.ts';
import { MAIL_FORMS, underLimit } from '../middleware/rate-limit.ts';
import { formText } from '../form.ts';

function SignInForm(props: { csrf: string }) {
  return (
    <>
      <h1>{S.signInTitle}</h1>
      <p>{S.signInIntro}</p>
      <form method="post" action="/account/sign-in">
        <Csrf token={props.csrf} />
        <div class="field"><label for="address">{S.fieldAddress}</label><br /><input id="address" name="address" type="email" required autocomplete="email" size={32} /></div>
        <button type="submit" class="primary">{S.signInButton}</button>
      </form>
      <p class="muted">{S.signInStaff} <a href="/admin/sign-in">{S.signInStaffLink}</a>.</p>
    </>
  );
}

/** Starts a session: the cookie lives as long as the session row. */
export function setSessionCookie(c: WebContext, d: WebDeps, cookie: string, method: 'link' | 'password'): void {
  writeCookie(c, d.site, SESSION_COOKIE, cookie, Math.floor(SESSION_TTL_MS[method] / 1000));
}

export function mountSignIn(app: WebApp, d: WebDeps): void {
  app.get('/account/sign-in', (c) => render(c, d, S.signInTitle, <SignInForm csrf={c.get('csrf')} />));
  app.post('/account/sign-in', async (c) => {
    if (!(await underLimit(c, d, MAIL_FORMS))) return render(c, d, S.tooManyTitle, <p class="error">{S.tooMany}</p>, 429);
    const address = formText(await c.req.parseBody(), 'address', 320);
    await requestSignInLink(d, address);
    d.wake?.();
    return render(c, d, S.signInTitle, <><h1>{S.signInTitle}</h1><p class="note" role="status">{S.signInSent(address)}</p></>);
  });
  app.get('/account/link/:token', async (c) => {
    const link = await peekLink(d, c.req.param('token'), 'sign_in');
    if (!link) return render(c, d, S.linkTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    return render(c, d, S.linkTitle, (
      <>
        <h1>{S.linkAsk(link.address)}</h1>
        <form method="post"><Csrf token={c.get('csrf')} /><button type="submit" class="primary">{S.linkButton}</button></form>
      </>
    ));
  });
  app.post('/account/link/:token', async (c) => {
    const opened = await signInWithLink(d, c.req.param('token'));
    if (!opened) return render(c, d, S.linkTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    setSessionCookie(c, d, opened.cookie, 'link');
    return c.redirect('/account/', 303);
  });
  app.post('/account/sign-out', async (c) => {
    await endSession(d, c.get('sessionCookie'));
    clearCookie(c, d.site, SESSION_COOKIE);
    return c.redirect('/lists/', 303);
  });
}
