// The re-enable link mailed to a member whose delivery bounces turned off: GET says what it will do
// and shows one button (link scanners change nothing); the POST turns delivery back on.
import { describeReenableToken, reenableByToken } from '../bounces/index.ts';
import { Csrf, render } from './layout.tsx';
import { S } from './strings/reenable.ts';
import type { WebDeps } from './deps.ts';
import type { WebApp } from './env.ts';

export function mountReenable(app: WebApp, d: WebDeps): void {
  app.get('/reenable/:token', async (c) => {
    const t = await describeReenableToken(d.store, d.secret, c.req.param('token'));
    if (!t) return render(c, d, S.reenableTitle, <p class="error">{S.reenableUnknown}</p>, 404);
    if (t.deliveryEnabled) return render(c, d, S.reenableTitle, <><h1>{S.reenableTitle}</h1><p class="note">{S.reenableAlready(t.listAddress, t.address)}</p></>);
    return render(c, d, S.reenableTitle, (
      <>
        <h1>{S.reenableAsk(t.listAddress, t.address)}</h1>
        <p>{S.reenableWhy}</p>
        <form method="post">
          <Csrf token={c.get('csrf')} />
          <button type="submit" class="primary">{S.reenableButton}</button>
        </form>
      </>
    ));
  });
  app.post('/reenable/:token', async (c) => {
    const t = await reenableByToken(d.store, d.secret, c.req.param('token'));
    if (!t) return render(c, d, S.reenableTitle, <p class="error">{S.reenableUnknown}</p>, 404);
    return render(c, d, S.reenableTitle, <><h1>{S.reenableTitle}</h1><p class="note" role="status">{S.reenableDone(t.listAddress, t.address)}</p></>);
  });
}
