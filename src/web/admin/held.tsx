// The moderation queue of a list: held posts (each shown safely, with the rules that held it) with
// single and bulk decisions, and subscription requests waiting for approval. The signed links in
// moderator notices lead here too.
import { isCaucusError } from '../../domain/errors.ts';
import type { MailingList } from '../../domain/list.ts';
import type { Pending, StoredMessage } from '../../store/types.ts';
import { approvePending, refusePending } from '../../subscriptions/index.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath } from '../list-ref.ts';
import { formAll, formText } from '../form.ts';
import { requireList, type ListAccess } from './guard.ts';
import { ListNav, refuse } from './list-nav.tsx';
import { actOnHeld, HELD_ACTIONS, type HeldAction } from './held-actions.ts';
import { heldView } from './held-view.ts';

const when = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 16);

const ACTION_LABEL: Record<HeldAction, string> = {
  approve: S.heldApprove, reject: S.heldReject, discard: S.heldDiscard, accept: S.heldAccept, ban: S.heldBan,
};

function ActionButtons() {
  return (
    <>
      <div class="field"><label for="reason">{S.heldReasonLabel}</label><span class="help">{S.heldReasonHelp}</span><input id="reason" name="reason" size={40} maxlength={2000} /></div>
      <div class="actions">
        {HELD_ACTIONS.map((a) => <button type="submit" name="action" value={a} class={a === 'approve' ? 'primary' : a === 'ban' ? 'danger' : undefined}>{ACTION_LABEL[a]}</button>)}
      </div>
    </>
  );
}

function HeldList(props: { list: MailingList; held: StoredMessage[]; csrf: string }) {
  const base = adminListPath(props.list);
  if (props.held.length === 0) return <p>{S.heldNone}</p>;
  return (
    <form method="post" action={`${base}/held`}>
      <Csrf token={props.csrf} />
      <ul class="cards">
        {props.held.map((m) => (
          <li>
            <input type="checkbox" name="ids" value={String(m.id)} id={`h${m.id}`} />{' '}
            <label for={`h${m.id}`}>{m.subject ?? S.noSubject}</label>
            <div class="muted">{S.heldFrom(m.fromAddress ?? m.envelopeFrom ?? '?', when(m.receivedAt))}</div>
            <ul>{m.hits.map((h) => <li>{h.reason} <span class="muted">({h.rule})</span></li>)}</ul>
            <a href={`${base}/held/${m.id}`} aria-label={S.heldShowOne(m.subject ?? S.noSubject)}>{S.heldShow}</a>
          </li>
        ))}
      </ul>
      <fieldset>
        <legend>{S.heldBulkLegend}</legend>
        <ActionButtons />
      </fieldset>
    </form>
  );
}

function Requests(props: { list: MailingList; pending: Pending[]; csrf: string }) {
  const base = adminListPath(props.list);
  if (props.pending.length === 0) return <p>{S.requestsNone}</p>;
  return (
    <ul class="cards">
      {props.pending.map((p) => (
        <li>
          <strong>{typeof p.data.displayName === 'string' && p.data.displayName ? `${p.data.displayName} <${p.address}>` : p.address}</strong>
          <div class="muted">{S.requestSince(when(p.createdAt))}</div>
          <form method="post" action={`${base}/requests`}>
            <Csrf token={props.csrf} />
            <input type="hidden" name="token" value={p.token} />
            <div class="field"><label for={`r-${p.token.slice(0, 8)}`}>{S.requestReasonLabel}</label><br /><input id={`r-${p.token.slice(0, 8)}`} name="reason" size={40} maxlength={2000} /></div>
            <div class="actions">
              <button type="submit" name="action" value="approve" class="primary">{S.requestApprove}</button>
              <button type="submit" name="action" value="refuse" class="danger">{S.requestRefuse}</button>
            </div>
          </form>
        </li>
      ))}
    </ul>
  );
}

async function queuePage(c: WebContext, d: WebDeps, a: ListAccess, notes: string[] = [], errors: string[] = []) {
  const held = await d.store.listHeld(a.list.id);
  const pending = (await d.store.listPending(a.list.id, 'approve_subscription')).filter((p) => p.expiresAt > d.now());
  return render(c, d, `${S.navHeld}: ${a.list.address}`, (
    <>
      <ListNav list={a.list} roles={a.roles} current={S.navHeld} />
      {notes.map((n) => <p class="note" role="status">{n}</p>)}
      {errors.map((n) => <p class="error" role="alert">{n}</p>)}
      <h2>{S.heldHeading(held.length)}</h2>
      <HeldList list={a.list} held={held} csrf={c.get('csrf')} />
      <h2>{S.requestsHeading(pending.length)}</h2>
      <Requests list={a.list} pending={pending} csrf={c.get('csrf')} />
    </>
  ));
}

async function decide(c: WebContext, d: WebDeps, a: ListAccess, ids: number[]) {
  const form = await c.req.parseBody({ all: true });
  const action = formText(form, 'action', 20) as HeldAction;
  if (!(HELD_ACTIONS as readonly string[]).includes(action) || ids.length === 0) return queuePage(c, d, a, [], [S.heldPickSomething]);
  const reason = formText(form, 'reason', 2000);
  const done: number[] = [];
  const errors: string[] = [];
  for (const id of ids) {
    try {
      await actOnHeld(d, a.list, id, action, reason);
      done.push(id);
    } catch (e) {
      if (!isCaucusError(e)) throw e;
      errors.push(e.message);
    }
  }
  d.wake?.();
  return queuePage(c, d, a, done.length ? [S.heldDone(ACTION_LABEL[action], done.length)] : [], errors);
}

export function mountHeld(app: WebApp, d: WebDeps): void {
  app.get('/admin/lists/:ref/held', async (c) => {
    const a = await requireList(c, d, 'moderator');
    return typeof a === 'string' ? refuse(c, d, a) : queuePage(c, d, a);
  });
  app.post('/admin/lists/:ref/held', async (c) => {
    const a = await requireList(c, d, 'moderator');
    if (typeof a === 'string') return refuse(c, d, a);
    const ids = formAll(await c.req.parseBody({ all: true }), 'ids').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 500);
    return decide(c, d, a, ids);
  });
  app.get('/admin/lists/:ref/held/:id', async (c) => {
    const a = await requireList(c, d, 'moderator');
    if (typeof a === 'string') return refuse(c, d, a);
    const m = await d.store.getMessage(Number(c.req.param('id')));
    if (!m || m.listId !== a.list.id || m.kind !== 'incoming' || m.state !== 'held') return refuse(c, d, 'not_found');
    const view = await heldView((await d.store.getRaw(m.id)) ?? Buffer.alloc(0));
    return render(c, d, m.subject ?? S.noSubject, (
      <>
        <ListNav list={a.list} roles={a.roles} current={S.navHeld} />
        <h2>{m.subject ?? S.noSubject}</h2>
        <h3>{S.heldWhy}</h3>
        <ul>{m.hits.map((h) => <li>{h.reason} <span class="muted">({h.rule})</span></li>)}</ul>
        <h3>{S.heldHeaders}</h3>
        <div class="scroll"><table><tbody>{view.headers.map((h) => <tr><th scope="row">{h.name}</th><td>{h.value}</td></tr>)}</tbody></table></div>
        <p class="muted">{S.heldEnvelope(m.envelopeFrom ?? '<>', m.size)}</p>
        <h3>{S.heldText}</h3>
        <pre>{view.text || S.heldNoText}</pre>
        <h3>{S.heldAttachments(view.attachments.length)}</h3>
        {view.attachments.length ? <ul>{view.attachments.map((x) => <li>{x.filename} ({x.mimeType}, {S.bytes(x.size)})</li>)}</ul> : null}
        <form method="post" action={`${adminListPath(a.list)}/held/${m.id}`}>
          <Csrf token={c.get('csrf')} />
          <ActionButtons />
        </form>
      </>
    ));
  });
  app.post('/admin/lists/:ref/held/:id', async (c) => {
    const a = await requireList(c, d, 'moderator');
    if (typeof a === 'string') return refuse(c, d, a);
    const id = Number(c.req.param('id'));
    return decide(c, d, a, Number.isSafeInteger(id) ? [id] : []);
  });
  app.post('/admin/lists/:ref/requests', async (c) => {
    const a = await requireList(c, d, 'moderator');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody();
    const token = formText(form, 'token', 200);
    const p = await d.store.getPending(token);
    if (!p || p.listId !== a.list.id) return queuePage(c, d, a, [], [S.tokenUnknown]);
    const r = formText(form, 'action', 20) === 'approve' ? await approvePending(d, token) : await refusePending(d, token, formText(form, 'reason', 2000));
    d.wake?.();
    return r.ok ? queuePage(c, d, a, [r.message]) : queuePage(c, d, a, [], [r.message]);
  });
}
