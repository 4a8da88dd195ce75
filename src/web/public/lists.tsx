// The public list pages: `/lists/` (advertised lists) and `/lists/NAME` (a list's information page,
// the page every footer links to) with join and leave forms. Both forms go through the same
// request functions as the email commands, and answer with the same words whatever the address,
// so no page tells a stranger who is a member.
import { DELIVERY_MODES, listDisplayName, type DeliveryMode, type MailingList } from '../../domain/list.ts';
import { roleAddress } from '../../domain/roles.ts';
import { archiveUrl } from '../../domain/urls.ts';
import { requestSubscribe, requestUnsubscribe } from '../../subscriptions/index.ts';
import { addressKey } from '../../domain/address.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { lookupList, listPath } from '../list-ref.ts';
import { MAIL_FORMS, underLimit } from '../middleware/rate-limit.ts';
import { formText } from '../form.ts';
import { rosterViewer } from './roster-viewer.ts';

function ListIndex(props: { lists: MailingList[] }) {
  return (
    <>
      <h1>{S.listsTitle}</h1>
      <p>{S.listsIntro}</p>
      {props.lists.length === 0 ? <p>{S.listsNone}</p> : (
        <ul class="cards">
          {props.lists.map((l) => (
            <li>
              <h2 style="margin:0"><a href={listPath(l)}>{listDisplayName(l)}</a></h2>
              <div class="muted">{l.address}</div>
              {l.settings.description ? <p>{l.settings.description.length > 240 ? `${l.settings.description.slice(0, 240)}…` : l.settings.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ListInfo(props: { d: WebDeps; list: MailingList; csrf: string; count: number | null; signedIn: boolean; rosterShown?: boolean }) {
  const { list, d } = props;
  const s = list.settings;
  const path = listPath(list);
  return (
    <>
      <h1>{listDisplayName(list)}</h1>
      {s.description ? <p>{s.description}</p> : null}
      <p>{S.howToPost} <a href={`mailto:${list.address}`}>{list.address}</a>.</p>
      {props.count !== null ? <p>{S.membersCount(props.count)}</p> : null}
      {props.rosterShown ? <p><a href={`${path}/roster`}>{S.whoLink}</a></p> : null}
      <p>
        {s.archivePolicy === 'none' ? S.archiveNone : (
          <><a href={archiveUrl(d.site, list.name)}>{S.archiveLink}</a>{s.archivePolicy === 'private' ? ` ${S.archivePrivate}` : ''}</>
        )}
      </p>
      {props.signedIn ? <p><a href="/account/">{S.optionsLink}</a></p> : null}
      <section aria-labelledby="join">
        <h2 id="join">{S.joinHeading}</h2>
        <p>{S.joinIntro}</p>
        <form method="post" action={`${path}/subscribe`}>
          <Csrf token={props.csrf} />
          <div class="field"><label for="join-address">{S.fieldAddress}</label><br /><input id="join-address" name="address" type="email" required autocomplete="email" size={32} /></div>
          <div class="field"><label for="join-name">{S.fieldName}</label><br /><input id="join-name" name="name" type="text" autocomplete="name" size={32} maxlength={200} /></div>
          <div class="field">
            <label for="join-mode">{S.fieldDigest}</label><br />
            <select id="join-mode" name="mode">{DELIVERY_MODES.map((m) => <option value={m}>{S.mode[m]}</option>)}</select>
          </div>
          <button type="submit" class="primary">{S.joinButton}</button>
        </form>
        <p class="muted">{S.joinByMail(roleAddress(list.name, list.domain, 'join'))}</p>
      </section>
      <section aria-labelledby="leave">
        <h2 id="leave">{S.leaveHeading}</h2>
        <p>{S.leaveIntro}</p>
        <form method="post" action={`${path}/unsubscribe`}>
          <Csrf token={props.csrf} />
          <div class="field"><label for="leave-address">{S.fieldAddress}</label><br /><input id="leave-address" name="address" type="email" required autocomplete="email" size={32} /></div>
          <button type="submit">{S.leaveButton}</button>
        </form>
        <p class="muted">{S.leaveByMail(roleAddress(list.name, list.domain, 'leave'))}</p>
      </section>
      <p class="muted">{S.ownersLine} {roleAddress(list.name, list.domain, 'owner')}</p>
    </>
  );
}

/** Finds the list of the request or answers 404 / a choice between same-named lists. */
export async function listOr404(c: WebContext, d: WebDeps): Promise<MailingList | Response> {
  const found = await lookupList(d.store, c.req.param('ref') ?? '');
  if (!found) return render(c, d, S.notFoundTitle, <p>{S.notFound}</p>, 404);
  if ('choices' in found) {
    return render(c, d, S.listsChoose(c.req.param('ref') ?? ''), (
      <><h1>{S.listsChoose(c.req.param('ref') ?? '')}</h1><ul>{found.choices.map((l) => <li><a href={listPath(l)}>{l.address}</a></li>)}</ul></>
    ), 404);
  }
  return found.list;
}

export function mountLists(app: WebApp, d: WebDeps): void {
  app.get('/', (c) => c.redirect('/lists/', 302));
  app.get('/lists', (c) => c.redirect('/lists/', 301));
  app.get('/lists/', async (c) => {
    const lists = (await d.store.listLists()).filter((l) => l.settings.advertised);
    return render(c, d, S.listsTitle, <ListIndex lists={lists} />);
  });
  app.get('/lists/:ref', async (c) => {
    const list = await listOr404(c, d);
    if (list instanceof Response) return list;
    const count = list.settings.rosterVisibility === 'public' ? await d.store.countMembers(list.id, 'member') : null;
    const rosterShown = (await rosterViewer(d, c.get('session'), list)).allowed;
    return render(c, d, listDisplayName(list), <ListInfo d={d} list={list} csrf={c.get('csrf')} count={count} signedIn={c.get('session') !== null} rosterShown={rosterShown} />);
  });
  for (const kind of ['subscribe', 'unsubscribe'] as const) {
    app.post(`/lists/:ref/${kind}`, async (c) => {
      const list = await listOr404(c, d);
      if (list instanceof Response) return list;
      if (!(await underLimit(c, d, MAIL_FORMS))) return render(c, d, S.tooManyTitle, <p class="error">{S.tooMany}</p>, 429);
      const form = await c.req.parseBody();
      const address = formText(form, 'address', 320);
      const session = c.get('session');
      const requestedBy = session?.address ?? null;
      const modeField = formText(form, 'mode', 20);
      const deliveryMode = (DELIVERY_MODES as readonly string[]).includes(modeField) ? (modeField as DeliveryMode) : 'regular';
      const r = kind === 'subscribe'
        ? await requestSubscribe(d, list, { address, displayName: formText(form, 'name', 200), deliveryMode, via: 'web', requestedBy })
        : await requestUnsubscribe(d, list, { address, via: 'web', requestedBy });
      d.wake?.();
      // Only someone signed in as the address itself may learn what happened to it.
      const own = requestedBy !== null && addressKey(requestedBy) === addressKey(r.address);
      const text = own || r.outcome === 'invalid_address' ? r.text : r.publicText;
      return render(c, d, S.requestTitle, (
        <><h1>{S.requestTitle}</h1><p class={r.outcome === 'invalid_address' ? 'error' : 'note'} role="status">{text}</p><p><a href={listPath(list)}>{S.back}</a></p></>
      ), r.outcome === 'invalid_address' ? 400 : 200);
    });
  }
}
