// A member's page, reached by an emailed sign-in link: every list the address belongs to, each with
// its options (delivery, digest, own posts, acknowledgements, hiding from the roster) and a way to
// leave; and the address change, confirmed at the new address.
import { addressKey } from '../../domain/address.ts';
import { isCaucusError } from '../../domain/errors.ts';
import { DELIVERY_MODES, listDisplayName, type DeliveryMode, type MailingList, type Member } from '../../domain/list.ts';
import { archiveUrl } from '../../domain/urls.ts';
import { confirmAddressChange, peekLink, requestAddressChange } from '../../auth/index.ts';
import { unsubscribeNow } from '../../subscriptions/index.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath, listPath } from '../list-ref.ts';
import { MAIL_FORMS, underLimit } from '../middleware/rate-limit.ts';
import { formChecked, formText } from '../form.ts';

function Check(props: { id: string; name: string; checked: boolean; label: string; help?: string }) {
  return (
    <div class="field inline">
      <input type="checkbox" id={props.id} name={props.name} checked={props.checked} aria-describedby={props.help ? `${props.id}-help` : undefined} />{' '}
      <label for={props.id}>{props.label}</label>
      {props.help ? <span class="help" id={`${props.id}-help`}>{props.help}</span> : null}
    </div>
  );
}

function MembershipCard(props: { d: WebDeps; m: Member; list: MailingList; csrf: string }) {
  const { m, list } = props;
  const id = `m${m.id}`;
  return (
    <li>
      <h2 style="margin-top:0"><a href={listPath(list)}>{listDisplayName(list)}</a></h2>
      <p class="muted">{list.address}{list.settings.archivePolicy !== 'none' ? <> · <a href={archiveUrl(props.d.site, list.name)}>{S.archiveOf}</a></> : null}</p>
      {!m.deliveryEnabled && m.disabledReason ? <p class="note">{S.optDisabledBy(m.disabledReason)}</p> : null}
      <form method="post" action={`/account/lists/${m.id}`}>
        <Csrf token={props.csrf} />
        <Check id={`${id}-delivery`} name="delivery" checked={m.deliveryEnabled} label={S.optDelivery} help={S.optDeliveryHelp} />
        <div class="field">
          <label for={`${id}-mode`}>{S.optMode}</label><br />
          <select id={`${id}-mode`} name="mode">{DELIVERY_MODES.map((x) => <option value={x} selected={x === m.deliveryMode}>{S.mode[x]}</option>)}</select>
        </div>
        <Check id={`${id}-own`} name="ownPosts" checked={m.receiveOwnPosts} label={S.optOwnPosts} />
        <Check id={`${id}-ack`} name="ack" checked={m.acknowledgePosts} label={S.optAck} />
        <Check id={`${id}-hide`} name="hide" checked={m.hideFromRoster} label={S.optHide} />
        <div class="actions"><button type="submit" class="primary">{S.optSave}</button></div>
      </form>
      <form method="post" action={`/account/lists/${m.id}/leave`}>
        <Csrf token={props.csrf} />
        <button type="submit" class="danger">{S.leaveThis}</button>
      </form>
    </li>
  );
}

async function accountPage(c: WebContext, d: WebDeps, notice?: { text: string; error?: boolean }) {
  const session = c.get('session')!;
  const all = await d.store.membershipsOf(session.address);
  const lists = new Map<number, MailingList>();
  for (const m of all) if (!lists.has(m.listId)) { const l = await d.store.getList(m.listId); if (l) lists.set(m.listId, l); }
  const memberships = all.filter((m) => m.role === 'member' && lists.has(m.listId));
  const staff = all.filter((m) => m.role !== 'member' && lists.has(m.listId));
  return render(c, d, S.accountTitle, (
    <>
      <h1>{S.accountTitle}</h1>
      {notice ? <p class={notice.error ? 'error' : 'note'} role="status">{notice.text}</p> : null}
      <p>{S.accountIntro(session.address)}</p>
      {memberships.length === 0 ? <p>{S.accountNone}</p> : (
        <ul class="cards">{memberships.map((m) => <MembershipCard d={d} m={m} list={lists.get(m.listId)!} csrf={c.get('csrf')} />)}</ul>
      )}
      {staff.length > 0 ? (
        <><p>{S.accountStaff}</p><ul>{staff.map((m) => <li><a href={adminListPath(lists.get(m.listId)!)}>{lists.get(m.listId)!.address}</a> ({m.role})</li>)}</ul></>
      ) : null}
      <section aria-labelledby="change">
        <h2 id="change">{S.changeHeading}</h2>
        <p>{S.changeIntro}</p>
        <form method="post" action="/account/change-address">
          <Csrf token={c.get('csrf')} />
          <div class="field"><label for="new-address">{S.changeField}</label><br /><input id="new-address" name="address" type="email" required autocomplete="email" size={32} /></div>
          <button type="submit">{S.changeButton}</button>
        </form>
      </section>
      <form method="post" action="/account/sign-out" style="margin-top:2rem"><Csrf token={c.get('csrf')} /><button type="submit">{S.signOutButton}</button></form>
    </>
  ));
}

/** The member row the URL names, when it belongs to the signed-in address. */
async function ownMembership(c: WebContext, d: WebDeps): Promise<{ m: Member; list: MailingList } | null> {
  const session = c.get('session');
  const id = Number(c.req.param('id'));
  const m = session && Number.isSafeInteger(id) ? await d.store.getMemberById(id) : null;
  if (!m || m.role !== 'member' || addressKey(m.address) !== addressKey(session!.address)) return null;
  const list = await d.store.getList(m.listId);
  return list ? { m, list } : null;
}

export function mountAccount(app: WebApp, d: WebDeps): void {
  app.use('/account/*', async (c, next) => {
    const open = /^\/account\/(sign-in|sign-out|link\/|change\/)/.test(c.req.path);
    if (!open && !c.get('session')) return c.redirect('/account/sign-in', 303);
    await next();
  });
  app.get('/account', (c) => c.redirect('/account/', 301));
  app.get('/account/', (c) => accountPage(c, d));
  app.post('/account/lists/:id', async (c) => {
    const own = await ownMembership(c, d);
    if (!own) return render(c, d, S.accountTitle, <p class="error">{S.notYours}</p>, 403);
    const form = await c.req.parseBody();
    const mode = formText(form, 'mode', 20);
    const deliveryEnabled = formChecked(form, 'delivery');
    await d.store.updateMember(own.m.id, {
      deliveryEnabled,
      // A member who turns delivery back on clears what bounce processing or they themselves set.
      ...(deliveryEnabled ? { disabledReason: null } : own.m.deliveryEnabled ? { disabledReason: 'turned off by the member' } : {}),
      deliveryMode: (DELIVERY_MODES as readonly string[]).includes(mode) ? (mode as DeliveryMode) : own.m.deliveryMode,
      receiveOwnPosts: formChecked(form, 'ownPosts'),
      acknowledgePosts: formChecked(form, 'ack'),
      hideFromRoster: formChecked(form, 'hide'),
    });
    return accountPage(c, d, { text: S.optSaved(listDisplayName(own.list)) });
  });
  app.post('/account/lists/:id/leave', async (c) => {
    const own = await ownMembership(c, d);
    if (!own) return render(c, d, S.accountTitle, <p class="error">{S.notYours}</p>, 403);
    await unsubscribeNow(d, own.list, own.m);
    d.wake?.();
    return accountPage(c, d, { text: S.leftList(listDisplayName(own.list)) });
  });
  app.post('/account/change-address', async (c) => {
    if (!(await underLimit(c, d, MAIL_FORMS))) return render(c, d, S.tooManyTitle, <p class="error">{S.tooMany}</p>, 429);
    const next = formText(await c.req.parseBody(), 'address', 320);
    try {
      await requestAddressChange(d, c.get('session')!.address, next);
    } catch (e) {
      if (isCaucusError(e)) return accountPage(c, d, { text: e.message, error: true });
      throw e;
    }
    d.wake?.();
    return accountPage(c, d, { text: S.changeSent(next) });
  });
  app.get('/account/change/:token', async (c) => {
    const link = await peekLink(d, c.req.param('token'), 'change_address');
    const oldAddress = link?.data.oldAddress;
    if (!link || typeof oldAddress !== 'string') return render(c, d, S.changeTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    return render(c, d, S.changeTitle, (
      <>
        <h1>{S.changeTitle}</h1>
        <p>{S.changeAsk(oldAddress, link.address)}</p>
        <form method="post"><Csrf token={c.get('csrf')} /><button type="submit" class="primary">{S.changeConfirm}</button></form>
      </>
    ));
  });
  app.post('/account/change/:token', async (c) => {
    const r = await confirmAddressChange(d, c.req.param('token'));
    if (!r) return render(c, d, S.changeTitle, <p class="error">{S.tokenUnknown}</p>, 404);
    return render(c, d, S.changeTitle, <><h1>{S.changeTitle}</h1><p class="note" role="status">{S.changeDone(r.moved, r.newAddress)}</p><p><a href="/account/sign-in">{S.signInTitle}</a></p></>);
  });
}
