// A list's roster for its owners: search and pages of 50, add many (directly, with or without a
// welcome, or by invitation that each address must confirm), remove many, one member's options and
// moderation, and CSV export and import.
import { DELIVERY_MODES, type DeliveryMode, type MailingList, type Member } from '../../domain/list.ts';
import { MODERATION_ACTIONS, type ModerationAction } from '../../domain/list-settings.ts';
import { requestSubscribe, subscribeNow, unsubscribeNow } from '../../subscriptions/index.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath } from '../list-ref.ts';
import { formAll, formChecked, formText } from '../form.ts';
import { requireList, type ListAccess } from './guard.ts';
import { ListNav, refuse } from './list-nav.tsx';
import { readEntries, rosterCsv, type RosterEntry } from './roster-csv.ts';

const PAGE = 50;

function MemberTable(props: { list: MailingList; members: Member[]; csrf: string }) {
  const base = adminListPath(props.list);
  return (
    <form method="post" action={`${base}/members/remove`}>
      <Csrf token={props.csrf} />
      <div class="scroll">
        <table>
          <caption class="muted" style="text-align:left">{S.rosterCaption}</caption>
          <thead><tr><th scope="col"><span class="muted">{S.rosterSelect}</span></th><th scope="col">{S.fieldAddress}</th><th scope="col" class="opt">{S.rosterName}</th><th scope="col">{S.rosterDelivery}</th><th scope="col" class="opt">{S.rosterModeration}</th></tr></thead>
          <tbody>
            {props.members.map((m) => (
              <tr>
                <td><input type="checkbox" name="ids" value={String(m.id)} id={`r${m.id}`} aria-label={S.rosterSelectOne(m.address)} /></td>
                <td><a href={`${base}/members/${m.id}`}>{m.address}</a></td>
                <td class="opt">{m.displayName}</td>
                <td>{m.deliveryEnabled ? m.deliveryMode : S.rosterOff}</td>
                <td class="opt">{m.moderationAction ?? S.rosterDefault}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="field inline"><input type="checkbox" id="goodbye" name="goodbye" /> <label for="goodbye">{S.rosterSendGoodbye}</label></div>
      <button type="submit" class="danger">{S.rosterRemove}</button>
    </form>
  );
}

async function rosterPage(c: WebContext, d: WebDeps, a: ListAccess, notes: string[] = [], errors: string[] = []) {
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const pageNo = Math.max(1, Math.min(100_000, Number(c.req.query('page')) || 1));
  const rows = await d.store.rosterPage(a.list.id, 'member', { ...(q ? { search: q } : {}), offset: (pageNo - 1) * PAGE, limit: PAGE + 1 });
  const total = q ? null : await d.store.countMembers(a.list.id, 'member');
  const base = adminListPath(a.list);
  const link = (p: number) => `${base}/members?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return render(c, d, `${S.navMembers}: ${a.list.address}`, (
    <>
      <ListNav list={a.list} roles={a.roles} current={S.navMembers} />
      {notes.map((n) => <p class="note" role="status">{n}</p>)}
      {errors.map((n) => <p class="error" role="alert">{n}</p>)}
      <form method="get" action={`${base}/members`} role="search" class="actions">
        <label for="q">{S.rosterSearch}</label>
        <input id="q" name="q" type="search" value={q} size={28} />
        <button type="submit">{S.rosterSearchButton}</button>
      </form>
      <p>{total !== null ? S.membersCount(total) : S.rosterMatches(q)} · <a href={`${base}/members.csv`}>{S.rosterExport}</a></p>
      {rows.length === 0 ? <p>{S.rosterEmpty}</p> : <MemberTable list={a.list} members={rows.slice(0, PAGE)} csrf={c.get('csrf')} />}
      <nav class="pager" aria-label={S.rosterPages}>
        {pageNo > 1 ? <a href={link(pageNo - 1)} rel="prev">{S.rosterPrev}</a> : null}
        <span>{S.rosterPage(pageNo)}</span>
        {rows.length > PAGE ? <a href={link(pageNo + 1)} rel="next">{S.rosterNext}</a> : null}
      </nav>
      <h2 id="add">{S.rosterAddHeading}</h2>
      <form method="post" action={`${base}/members/add`}>
        <Csrf token={c.get('csrf')} />
        <div class="field"><label for="entries">{S.rosterAddLabel}</label><span class="help" id="entries-help">{S.rosterAddHelp}</span><textarea id="entries" name="entries" rows={6} aria-describedby="entries-help" /></div>
        <div class="field inline"><input type="checkbox" id="welcome" name="welcome" checked /> <label for="welcome">{S.rosterSendWelcome}</label></div>
        <div class="field inline"><input type="checkbox" id="invite" name="invite" aria-describedby="invite-help" /> <label for="invite">{S.rosterInvite}</label><span class="help" id="invite-help">{S.rosterInviteHelp}</span></div>
        <button type="submit" class="primary">{S.rosterAddButton}</button>
      </form>
      <h2 id="import">{S.rosterImportHeading}</h2>
      <form method="post" action={`${base}/members/import`} enctype="multipart/form-data">
        <Csrf token={c.get('csrf')} />
        <div class="field"><label for="file">{S.rosterImportLabel}</label><span class="help" id="file-help">{S.rosterImportHelp}</span><input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="file-help" required /></div>
        <div class="field inline"><input type="checkbox" id="import-welcome" name="welcome" /> <label for="import-welcome">{S.rosterSendWelcome}</label></div>
        <button type="submit">{S.rosterImportButton}</button>
      </form>
    </>
  ));
}

async function addEntries(c: WebContext, d: WebDeps, a: ListAccess, entries: RosterEntry[], opts: { welcome: boolean; invite: boolean }) {
  const requestedBy = c.get('session')!.address;
  let added = 0;
  let invited = 0;
  let present = 0;
  // Invitations each mail a confirmation (rate-limited per address by the subscriptions feature);
  // direct additions go in one transaction, so an import is all or nothing.
  if (opts.invite) {
    for (const e of entries) {
      const r = await requestSubscribe(d, a.list, { address: e.address, displayName: e.displayName, via: 'web', requestedBy });
      if (r.outcome === 'already_member') present++;
      else if (r.outcome === 'confirmation_sent') invited++;
    }
  } else {
    await d.store.transaction(async (store) => {
      for (const e of entries) {
        if (await store.getMember(a.list.id, e.address, 'member')) { present++; continue; }
        await subscribeNow({ ...d, store }, a.list, e, { notice: opts.welcome });
        added++;
      }
    });
  }
  d.wake?.();
  return { added, invited, present };
}

export function mountRoster(app: WebApp, d: WebDeps): void {
  app.get('/admin/lists/:ref/members', async (c) => {
    const a = await requireList(c, d, 'owner');
    return typeof a === 'string' ? refuse(c, d, a) : rosterPage(c, d, a);
  });
  app.get('/admin/lists/:ref/members.csv', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${a.list.name}-members.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(rosterCsv(await d.store.listMembers(a.list.id, { role: 'member' })));
  });
  app.post('/admin/lists/:ref/members/add', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody();
    const { entries, bad } = readEntries(formText(form, 'entries', 2_000_000), 10_000);
    const r = await addEntries(c, d, a, entries, { welcome: formChecked(form, 'welcome'), invite: formChecked(form, 'invite') });
    return rosterPage(c, d, a, [S.rosterAdded(r.added, r.invited, r.present)], bad.length ? [S.rosterBadLines(bad)] : []);
  });
  app.post('/admin/lists/:ref/members/import', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody();
    const file = form.file;
    const text = file instanceof File ? await file.text() : '';
    const { entries, bad } = readEntries(text);
    const r = await addEntries(c, d, a, entries, { welcome: formChecked(form, 'welcome'), invite: false });
    return rosterPage(c, d, a, [S.rosterAdded(r.added, 0, r.present)], bad.length ? [S.rosterBadLines(bad)] : []);
  });
  app.post('/admin/lists/:ref/members/remove', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody({ all: true });
    const goodbye = formChecked(form, 'goodbye');
    let removed = 0;
    for (const id of formAll(form, 'ids').map(Number).filter(Number.isSafeInteger).slice(0, 1000)) {
      const m = await d.store.getMemberById(id);
      if (!m || m.listId !== a.list.id || m.role !== 'member') continue;
      await unsubscribeNow(d, a.list, m, { notice: goodbye });
      removed++;
    }
    d.wake?.();
    return rosterPage(c, d, a, [S.rosterRemoved(removed)]);
  });
  app.get('/admin/lists/:ref/members/:id', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const m = await d.store.getMemberById(Number(c.req.param('id')));
    if (!m || m.listId !== a.list.id) return refuse(c, d, 'not_found');
    return memberPage(c, d, a, m, null);
  });
  app.post('/admin/lists/:ref/members/:id', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const m = await d.store.getMemberById(Number(c.req.param('id')));
    if (!m || m.listId !== a.list.id) return refuse(c, d, 'not_found');
    const form = await c.req.parseBody();
    const mode = formText(form, 'mode', 20);
    const moderation = formText(form, 'moderation', 20);
    const enabled = formChecked(form, 'delivery');
    const updated = await d.store.updateMember(m.id, {
      displayName: formText(form, 'name', 200),
      deliveryEnabled: enabled,
      ...(enabled ? { disabledReason: null } : m.deliveryEnabled ? { disabledReason: 'turned off by an owner' } : {}),
      deliveryMode: (DELIVERY_MODES as readonly string[]).includes(mode) ? (mode as DeliveryMode) : m.deliveryMode,
      moderationAction: (MODERATION_ACTIONS as readonly string[]).includes(moderation) ? (moderation as ModerationAction) : null,
      receiveOwnPosts: formChecked(form, 'ownPosts'),
      acknowledgePosts: formChecked(form, 'ack'),
      hideFromRoster: formChecked(form, 'hide'),
    });
    return memberPage(c, d, a, updated, S.memberSaved);
  });
}

function memberPage(c: WebContext, d: WebDeps, a: ListAccess, m: Member, note: string | null) {
  const box = (name: string, on: boolean, label: string) => (
    <div class="field inline"><input type="checkbox" id={`f-${name}`} name={name} checked={on} /> <label for={`f-${name}`}>{label}</label></div>
  );
  return render(c, d, m.address, (
    <>
      <ListNav list={a.list} roles={a.roles} current={S.navMembers} />
      <h2>{m.address}</h2>
      {note ? <p class="note" role="status">{note}</p> : null}
      {!m.deliveryEnabled && m.disabledReason ? <p class="note">{S.optDisabledBy(m.disabledReason)}</p> : null}
      <form method="post" action={`${adminListPath(a.list)}/members/${m.id}`}>
        <Csrf token={c.get('csrf')} />
        <div class="field"><label for="f-name">{S.rosterName}</label><br /><input id="f-name" name="name" value={m.displayName} size={32} /></div>
        {box('delivery', m.deliveryEnabled, S.optDelivery)}
        <div class="field"><label for="f-mode">{S.optMode}</label><br /><select id="f-mode" name="mode">{DELIVERY_MODES.map((x) => <option value={x} selected={x === m.deliveryMode}>{S.mode[x]}</option>)}</select></div>
        <div class="field">
          <label for="f-moderation">{S.rosterModeration}</label><span class="help">{S.memberModerationHelp}</span>
          <select id="f-moderation" name="moderation">
            <option value="default" selected={m.moderationAction === null}>{S.rosterDefault}</option>
            {MODERATION_ACTIONS.map((x) => <option value={x} selected={x === m.moderationAction}>{x}</option>)}
          </select>
        </div>
        {box('ownPosts', m.receiveOwnPosts, S.optOwnPosts)}
        {box('ack', m.acknowledgePosts, S.optAck)}
        {box('hide', m.hideFromRoster, S.optHide)}
        <button type="submit" class="primary">{S.optSave}</button>
      </form>
      <p><a href={`${adminListPath(a.list)}/members`}>{S.back}</a></p>
    </>
  ));
}
