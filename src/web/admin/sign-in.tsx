// Sign-in for site admins, owners and moderators: address and password (argon2id), rate-limited
// per client and per address; a password is set or reset only through a link mailed to the
// address. Every administration page below /admin/ needs such a session.
import { checkPasswordRule, peekLink, requestPasswordLink, setPasswordWithLink, signInWithPassword, PASSWORD_MIN } from '../../auth/index.ts';
import { isCaucusError } from '../../domain/errors.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { MAIL_FORMS, PASSWORD_FORMS, underLimit } from '../middleware/rate-limit.ts';
import { formText } from '../form.ts';
import { setSessionCookie } from '../account/sign-in.tsx';
import { safeNext, signInRedirect } from './guard.ts';

const OPEN_PATHS = /^\/admin\/(sign-in|reset|password\/[^/]+)$/;

function SignInForm(props: { csrf: string; next: string; error?: string; address?: string }) {
  return (
    <>
      <h1>{S.adminSignInTitle}</h1>
      <p>{S.adminSignInIntro}</p>
      {props.error ? <p class="error" role="alert" id="signin-error">{props.error}</p> : null}
      <form method="post" action={`/admin/sign-in?next=${encodeURIComponent(props.next)}`}>
        <Csrf token={props.csrf} />
        <div class="field"><label for="address">{S.fieldAddress}</label><br /><input id="address" name="address" type="email" required autocomplete="username" size={32} value={props.address ?? ''} /></div>
        <div class="field"><label for="password">{S.fieldPassword}</label><br /><input id="password" name="password" type="password" required autocomplete="current-password" size={32} /></div>
        <button type="submit" class="primary">{S.adminSignInButton}</button>
      </form>
      <p>{S.adminForgot} <a href="/admin/reset">{S.adminResetLink}</a>.</p>
    </>
  );
}

function PasswordForm(props: { csrf: string; address: string; error?: string }) {
  return (
    <>
      <h1>{S.passwordTitle}</h1>
      <p>{S.passwordFor(props.address)}</p>
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
      <form method="post">
        <Csrf token={props.csrf} />
        <input type="hidden" name="username" value={props.address} autocomplete="username" />
        <div class="field"><label for="password">{S.fieldNewPassword}</label><span class="help" id="pw-help">{S.fieldNewPasswordHelp(PASSWORD_MIN)}</span><input id="password" name="password" type="password" required minlength={PASSWORD_MIN} autocomplete="new-password" size={32} aria-describedby="pw-help" /></div>
        <div class="field"><label for="repeat">{S.fieldRepeatPassword}</label><br /><input id="repeat" name="repeat" type="password" required autocomplete="new-password" size={32} /></div>
        <button type="submit" class="primary">{S.passwordButton}</button>
      </form>
    </>
  );
}

export function mountAdminSignIn(app: WebApp, d: WebDeps): void {
  app.use('/admin/*', async (c: WebContext, next) => {
    if (!OPEN_PATHS.test(c.req.path) && c.get('session')?.method !== 'password') return signInRedirect(c);
    await next();
  });
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/sign-in', (c) => render(c, d, S.adminSignInTitle, <SignInForm csrf={c.get('csrf')} next={safeNext(c.req.query('next'))} />));
  app.post('/admin/sign-in', async (c) => {
    const next = safeNext(c.req.query('next'));
    const form = await c.req.parseBody();
    const address = formText(form, 'address', 320);
    const again = (error: string, status: 400 | 429) => render(c, d, S.adminSignInTitle, <SignInForm csrf={c.get('csrf')} next={next} error={error} address={address} />, status);
    if (!(await underLimit(c, d, PASSWORD_FORMS))) return again(S.tooMany, 429);
    try {
      const opened = await signInWithPassword(d, address, typeof form.password === 'string' ? form.password : '');
      if (!opened) return again(S.adminSignInFailed, 400);
      setSessionCookie(c, d, opened.cookie, 'password');
      return c.redirect(next, 303);
    } catch (e) {
      if (isCaucusError(e) && e.code === 'rate_limited') return again(e.message, 429);
      throw e;
    }
  });
  app.get('/admin/reset', (c) => render(c, d, S.resetTitle, (
    <>
      <h1>{S.resetTitle}</h1>
      <p>{S.resetIntro}</p>
      <form method="post" action="/admin/reset">
        <Csrf token={c.get('csrf')} />
        <div class="field"><label for="address">{S.fieldAddress}</label><br /><input id="address" name="address" type="email" required autocomplete="email" size={32} /></div>
        <button type="submit" class="primary">{S.resetButton}</button>
      </form>
    </>
  )));
  app.post('/admin/reset', async (c) => {
    if (!(await underLimit(c, d, MAIL_FORMS))) return render(c, d, S.tooManyTitle, <p class="error">{S.tooMany}</p>, 429);
    const address = formText(await c.req.parseBody(), 'address', 320);
    await requestPasswordLink(d, address);
    d.wake?.();
    return render(c, d, S.resetTitle, <><h1>{S.resetTitle}</h1><p class="note" role="status">{S.resetSent(address)}</p></>);
  });
  app.get('/admin/password/:token', async (c) => {
    const link = await peekLink(d, c.req.param('token'), 'set_password');
    if (!link) return render(c, d, S.passwordTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    return render(c, d, S.passwordTitle, <PasswordForm csrf={c.get('csrf')} address={link.address} />);
  });
  app.post('/admin/password/:token', async (c) => {
    const token = c.req.param('token');
    const link = await peekLink(d, token, 'set_password');
    if (!link) return render(c, d, S.passwordTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    const form = await c.req.parseBody();
    const password = typeof form.password === 'string' ? form.password : '';
    const again = (error: string) => render(c, d, S.passwordTitle, <PasswordForm csrf={c.get('csrf')} address={link.address} error={error} />, 400);
    if (password !== form.repeat) return again(S.passwordMismatch);
    try {
      checkPasswordRule(password);
    } catch (e) {
      if (isCaucusError(e)) return again(e.message);
      throw e;
    }
    const opened = await setPasswordWithLink(d, token, password);
    if (!opened) return render(c, d, S.passwordTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    setSessionCookie(c, d, opened.cookie, 'password');
    return c.redirect('/admin/', 303);
  });
}
