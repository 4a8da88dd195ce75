// Confirmation links from join/leave mails: GET says what the token stands for and shows one
// button; only the POST confirms. Link scanners that fetch every URL in a mail confirm nothing.
import { listDisplayName } from '../domain/list.ts';
import { confirmToken, describeToken } from '../subscriptions/index.ts';
import { Csrf, render } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';
import type { WebApp } from './env.ts';

export function mountConfirm(app: WebApp, d: WebDeps): void {
  app.get('/confirm/:token', async (c) => {
    const t = await describeToken(d, c.req.param('token'));
    const list = t && !t.expired && (t.kind === 'subscribe' || t.kind === 'unsubscribe') ? await d.store.getList(t.listId) : null;
    if (!t || !list) return render(c, d, S.confirmTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    const ask = t.kind === 'subscribe' ? S.confirmSubscribe(t.address, listDisplayName(list)) : S.confirmUnsubscribe(t.address, listDisplayName(list));
    return render(c, d, S.confirmTitle, (
      <>
        <h1>{ask}</h1>
        <p>{S.confirmAsk}</p>
        <form method="post">
          <Csrf token={c.get('csrf')} />
          <button type="submit" class="primary">{S.confirmButton}</button>
        </form>
      </>
    ));
  });
  app.post('/confirm/:token', async (c) => {
    const r = await confirmToken(d, c.req.param('token'));
    d.wake?.();
    return render(c, d, S.confirmTitle, <><h1>{S.confirmTitle}</h1><p class={r.ok ? 'note' : 'error'} role="status">{r.message}</p></>, r.ok ? 200 : 404);
  });
}
