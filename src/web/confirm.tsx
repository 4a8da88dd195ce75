// Confirmation links from join/leave mails: GET shows one button, POST confirms. Link scanners
// that fetch every URL in a mail therefore confirm nothing.
import type { Hono } from 'hono';
import { confirmToken } from '../subscriptions/index.ts';
import { Page, DOCTYPE } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';

export function mountConfirm(app: Hono, d: WebDeps): void {
  app.get('/confirm/:token', async (c) => {
    const p = await d.store.getPending(c.req.param('token'));
    if (!p || p.expiresAt.getTime() < d.now().getTime()) return c.html(DOCTYPE + (<Page title={S.confirmTitle} siteName={d.site.siteName}><p>{S.tokenUnknown}</p></Page>), 404);
    return c.html(
      DOCTYPE +
        (
          <Page title={S.confirmTitle} siteName={d.site.siteName}>
            <h1>{S.confirmTitle}</h1>
            <p>{S.confirmAsk}</p>
            <form method="post">
              <button type="submit">{S.confirmButton}</button>
            </form>
          </Page>
        ),
    );
  });
  app.post('/confirm/:token', async (c) => {
    const r = await confirmToken(d, c.req.param('token'));
    d.wake?.();
    return c.html(DOCTYPE + (<Page title={S.confirmTitle} siteName={d.site.siteName}><p class="note">{r.message}</p></Page>), r.ok ? 200 : 404);
  });
}
