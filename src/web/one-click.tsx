// RFC 8058 one-click unsubscribe: a POST to the List-Unsubscribe URL removes the member at once;
// a GET (a person, or a mail scanner following links) only shows a button, so nothing happens
// without an explicit POST.
import type { Hono } from 'hono';
import { unsubscribeByToken } from '../subscriptions/index.ts';
import { Page, DOCTYPE } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';

export function mountOneClick(app: Hono, d: WebDeps): void {
  app.get('/u/:token', async (c) => {
    const m = await d.store.getMemberByToken(c.req.param('token'));
    const list = m ? await d.store.getList(m.listId) : null;
    if (!m || !list) return c.html(DOCTYPE + (<Page title={S.oneClickTitle} siteName={d.site.siteName}><p>{S.tokenUnknown}</p></Page>), 404);
    return c.html(
      DOCTYPE +
        (
          <Page title={S.oneClickTitle} siteName={d.site.siteName}>
            <h1>{S.oneClickTitle}</h1>
            <p>{S.oneClickAsk(list.address, m.address)}</p>
            <form method="post">
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit">{S.oneClickButton}</button>
            </form>
          </Page>
        ),
    );
  });
  app.post('/u/:token', async (c) => {
    const r = await unsubscribeByToken(d, c.req.param('token'));
    d.wake?.();
    if (!r.ok) return c.html(DOCTYPE + (<Page title={S.oneClickTitle} siteName={d.site.siteName}><p>{S.tokenUnknown}</p></Page>), 404);
    const list = await d.store.getList(r.listId);
    return c.html(DOCTYPE + (<Page title={S.oneClickTitle} siteName={d.site.siteName}><p class="note">{S.oneClickDone(list?.address ?? '', r.address)}</p></Page>));
  });
}
