// The signed one-click links in moderator notices: GET shows the post and what will happen, with a
// button; POST (with the same signature) approves, rejects or discards the held post. The link
// works without signing in; the queue page behind it needs a moderator's sign-in.
import { approveHeld, discardHeld, rejectHeld, verifyModeration, MODERATION_ACTIONS, type ModerationLinkAction } from '../moderation/index.ts';
import { isCaucusError } from '../domain/errors.ts';
import { Csrf, render } from './layout.tsx';
import { S } from './strings.ts';
import type { WebDeps } from './deps.ts';
import type { WebApp, WebContext } from './env.ts';
import { adminListPath } from './list-ref.ts';
import { formText } from './form.ts';

async function check(c: WebContext, d: WebDeps) {
  const action = c.req.param('action') as ModerationLinkAction;
  const id = Number(c.req.param('id'));
  const lists = await d.store.findListsByName(c.req.param('list') ?? '');
  const sig = c.req.query('sig') ?? '';
  const list = lists.find((l) => Number.isInteger(id) && (MODERATION_ACTIONS as readonly string[]).includes(action) && verifyModeration(d.secret, l.id, id, action, sig));
  return list ? { list, id, action, sig } : null;
}

export function mountModerate(app: WebApp, d: WebDeps): void {
  const bad = (c: WebContext) => render(c, d, S.moderateTitle, <p class="error">{S.moderateBadLink}</p>, 403);
  app.get('/moderate/:list/:id/:action', async (c) => {
    const ok = await check(c, d);
    if (!ok) return bad(c);
    const m = await d.store.getMessage(ok.id);
    return render(c, d, S.moderateTitle, (
      <>
        <h1>{S.moderateAsk(ok.action, ok.id, ok.list.address)}</h1>
        <p>{m?.fromAddress ?? ''}: {m?.subject ?? ''}</p>
        <ul>{(m?.hits ?? []).map((h) => <li>{h.reason}</li>)}</ul>
        <form method="post" action={`?sig=${encodeURIComponent(ok.sig)}`}>
          <Csrf token={c.get('csrf')} />
          {ok.action === 'reject' ? <div class="field"><label for="reason">{S.moderateReason}</label><br /><input id="reason" name="reason" size={40} /></div> : null}
          <button type="submit" class="primary">{ok.action}</button>
        </form>
        <p><a href={`${adminListPath(ok.list)}/held`}>{S.moderateQueueLink}</a></p>
      </>
    ));
  });
  app.post('/moderate/:list/:id/:action', async (c) => {
    const ok = await check(c, d);
    if (!ok) return bad(c);
    try {
      if (ok.action === 'approve') await approveHeld(d, ok.list, ok.id);
      else if (ok.action === 'reject') await rejectHeld(d, ok.list, ok.id, formText(await c.req.parseBody(), 'reason', 2000));
      else await discardHeld(d, ok.list, ok.id);
    } catch (e) {
      if (isCaucusError(e)) return render(c, d, S.moderateTitle, <p class="error">{e.message}</p>, 409);
      throw e;
    }
    d.wake?.();
    return render(c, d, S.moderateTitle, <p class="note" role="status">{S.moderateDone(ok.action, ok.id)}</p>);
  });
}
