// The signed one-click links in moderator notices: GET shows what will happen and a button; POST
// (with the same signature) approves, rejects or discards the held post.
import type { Hono, Context } from 'hono';
import { approveHeld, discardHeld, rejectHeld, verifyModeration, MODERATION_ACTIONS, type ModerationLinkAction } from '../moderation/index.ts';
import { isCaucusError } from '../domain/errors.ts';
import { Page, DOCTYPE } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';

async function check(c: Context, d: WebDeps) {
  const action = c.req.param('action') as ModerationLinkAction;
  const id = Number(c.req.param('id'));
  const lists = await d.store.findListsByName(c.req.param('list') ?? '');
  const sig = c.req.query('sig') ?? '';
  const list = lists.find((l) => Number.isInteger(id) && (MODERATION_ACTIONS as readonly string[]).includes(action) && verifyModeration(d.secret, l.id, id, action, sig));
  return list ? { list, id, action, sig } : null;
}

export function mountModerate(app: Hono, d: WebDeps): void {
  const bad = (c: Context) => c.html(DOCTYPE + (<Page title={S.moderateTitle} siteName={d.site.siteName}><p>{S.moderateBadLink}</p></Page>), 403);
  app.get('/moderate/:list/:id/:action', async (c) => {
    const ok = await check(c, d);
    if (!ok) return bad(c);
    const m = await d.store.getMessage(ok.id);
    return c.html(
      DOCTYPE +
        (
          <Page title={S.moderateTitle} siteName={d.site.siteName}>
            <h1>{S.moderateAsk(ok.action, ok.id, ok.list.address)}</h1>
            <p>{m?.fromAddress ?? ''}: {m?.subject ?? ''}</p>
            <ul>{(m?.hits ?? []).map((h) => <li>{h.reason}</li>)}</ul>
            <form method="post" action={`?sig=${encodeURIComponent(ok.sig)}`}>
              {ok.action === 'reject' ? (<p><label>Reason (sent to the poster) <input name="reason" /></label></p>) : null}
              <button type="submit">{ok.action}</button>
            </form>
          </Page>
        ),
    );
  });
  app.post('/moderate/:list/:id/:action', async (c) => {
    const ok = await check(c, d);
    if (!ok) return bad(c);
    try {
      if (ok.action === 'approve') await approveHeld(d, ok.list, ok.id);
      else if (ok.action === 'reject') {
        const form = await c.req.parseBody();
        await rejectHeld(d, ok.list, ok.id, typeof form.reason === 'string' ? form.reason : '');
      } else await discardHeld(d, ok.list, ok.id);
    } catch (e) {
      if (isCaucusError(e)) return c.html(DOCTYPE + (<Page title={S.moderateTitle} siteName={d.site.siteName}><p>{e.message}</p></Page>), 409);
      throw e;
    }
    d.wake?.();
    return c.html(DOCTYPE + (<Page title={S.moderateTitle} siteName={d.site.siteName}><p class="note">{S.moderateDone(ok.action, ok.id)}</p></Page>));
  });
}
