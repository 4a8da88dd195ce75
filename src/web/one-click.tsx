// RFC 8058 one-click unsubscribe: a POST to the List-Unsubscribe URL removes the member at once
// (mail clients send it without cookies, so it needs no CSRF token: the member's secret token is
// in the URL); a GET (a person, or a mail scanner following links) only shows a button.
import { unsubscribeByToken } from '../subscriptions/index.ts';
import { Csrf, render } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';
import type { WebApp } from './env.ts';

export const ONE_CLICK_PATH = /^\/u\/[^/]+$/;

export function mountOneClick(app: WebApp, d: WebDeps): void {
  app.get('/u/:token', async (c) => {
    const m = await d.store.getMemberByToken(c.req.param('token'));
    const list = m && m.role === 'member' ? await d.store.getList(m.listId) : null;
    if (!m || !list) return render(c, d, S.oneClickTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    return render(c, d, S.oneClickTitle, (
      <>
        <h1>{S.oneClickTitle}</h1>
        <p>{S.oneClickAsk(list.address, m.address)}</p>
        <form method="post">
          <Csrf token={c.get('csrf')} />
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" class="primary">{S.oneClickButton}</button>
        </form>
      </>
    ));
  });
  app.post('/u/:token', async (c) => {
    const r = await unsubscribeByToken(d, c.req.param('token'));
    d.wake?.();
    if (!r.ok) return render(c, d, S.oneClickTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    const list = await d.store.getList(r.listId);
    return render(c, d, S.oneClickTitle, <><h1>{S.oneClickTitle}</h1><p class="note" role="status">{S.oneClickDone(list?.address ?? '', r.address)}</p></>);
  });
}
