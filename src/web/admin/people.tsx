// A list's owners and moderators, managed by its owners: add one by address (they then set a
// password through the reset link), or remove one. A list keeps at least one owner.
import { isValidAddress } from '../../domain/address.ts';
import type { MemberRole } from '../../domain/list.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath } from '../list-ref.ts';
import { formText } from '../form.ts';
import { requireList, type ListAccess } from './guard.ts';
import { ListNav, refuse } from './list-nav.tsx';

const STAFF: MemberRole[] = ['owner', 'moderator'];

async function peoplePage(c: WebContext, d: WebDeps, a: ListAccess, note: string | null, error: string | null) {
  const base = adminListPath(a.list);
  const people = [...(await d.store.listMembers(a.list.id, { role: 'owner' })), ...(await d.store.listMembers(a.list.id, { role: 'moderator' }))];
  return render(c, d, `${S.navPeople}: ${a.list.address}`, (
    <>
      <ListNav list={a.list} roles={a.roles} current={S.navPeople} />
      {note ? <p class="note" role="status">{note}</p> : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
      <ul class="cards">
        {people.map((p) => (
          <li>
            <strong>{p.address}</strong> — {p.role === 'owner' ? S.roleOwner : S.roleModerator}
            <form method="post" action={`${base}/people/remove`} style="display:inline;margin-left:1rem">
              <Csrf token={c.get('csrf')} />
              <input type="hidden" name="id" value={String(p.id)} />
              <button type="submit" class="danger" aria-label={S.peopleRemoveOne(p.address)}>{S.peopleRemove}</button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{S.peopleAddHeading}</h2>
      <form method="post" action={`${base}/people/add`}>
        <Csrf token={c.get('csrf')} />
        <div class="field"><label for="p-address">{S.fieldAddress}</label><br /><input id="p-address" name="address" type="email" required size={32} /></div>
        <div class="field"><label for="p-role">{S.colRole}</label><br /><select id="p-role" name="role"><option value="moderator">{S.roleModerator}</option><option value="owner">{S.roleOwner}</option></select></div>
        <button type="submit" class="primary">{S.peopleAdd}</button>
      </form>
      <p class="muted">{S.peopleHelp}</p>
    </>
  ));
}

export function mountPeople(app: WebApp, d: WebDeps): void {
  app.get('/admin/lists/:ref/people', async (c) => {
    const a = await requireList(c, d, 'owner');
    return typeof a === 'string' ? refuse(c, d, a) : peoplePage(c, d, a, null, null);
  });
  app.post('/admin/lists/:ref/people/add', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody();
    const address = formText(form, 'address', 320);
    const role = formText(form, 'role', 20) === 'owner' ? 'owner' : 'moderator';
    if (!isValidAddress(address)) return peoplePage(c, d, a, null, S.notAnAddress(address));
    if (await d.store.getMember(a.list.id, address, role)) return peoplePage(c, d, a, null, S.peopleAlready(address, role));
    await d.store.addMember({ listId: a.list.id, address, role }, d.now(), d.token());
    return peoplePage(c, d, a, S.peopleAdded(address, role), null);
  });
  app.post('/admin/lists/:ref/people/remove', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const m = await d.store.getMemberById(Number(formText(await c.req.parseBody(), 'id', 20)));
    if (!m || m.listId !== a.list.id || !STAFF.includes(m.role)) return peoplePage(c, d, a, null, S.notFound);
    if (m.role === 'owner' && (await d.store.countMembers(a.list.id, 'owner')) <= 1) return peoplePage(c, d, a, null, S.peopleLastOwner);
    await d.store.removeMember(m.id);
    return peoplePage(c, d, a, S.peopleRemoved(m.address), null);
  });
}
