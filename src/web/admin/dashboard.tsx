// The administration home: the lists this account runs (every list for a site admin) with their
// held posts and waiting requests, and for site admins the site's own pages.
import { isSiteAdmin } from '../../auth/index.ts';
import type { MailingList } from '../../domain/list.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp } from '../env.ts';
import { adminListPath } from '../list-ref.ts';

interface Row {
  list: MailingList;
  role: string;
  held: number;
  requests: number;
}

export function mountDashboard(app: WebApp, d: WebDeps): void {
  app.get('/admin/', async (c) => {
    const session = c.get('session')!;
    const admin = await isSiteAdmin(d.store, session);
    const roles = new Map<number, string>();
    if (admin) for (const l of await d.store.listLists()) roles.set(l.id, S.roleSiteAdmin);
    else for (const m of await d.store.membershipsOf(session.address)) {
      if (m.role === 'owner') roles.set(m.listId, S.roleOwner);
      else if (m.role === 'moderator' && !roles.has(m.listId)) roles.set(m.listId, S.roleModerator);
    }
    const rows: Row[] = [];
    for (const [id, role] of roles) {
      const list = await d.store.getList(id);
      if (!list) continue;
      const held = (await d.store.listHeld(id)).length;
      const requests = (await d.store.listPending(id, 'approve_subscription')).filter((p) => p.expiresAt > d.now()).length;
      rows.push({ list, role, held, requests });
    }
    rows.sort((a, b) => a.list.address.localeCompare(b.list.address));
    return render(c, d, S.dashboardTitle, (
      <>
        <h1>{S.dashboardTitle}</h1>
        <p>{S.dashboardIntro(session.address)}</p>
        {admin ? <p><a href="/admin/site">{S.siteTitle}</a></p> : null}
        {rows.length === 0 ? <p>{S.dashboardNoLists}</p> : (
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">{S.colList}</th><th scope="col">{S.colRole}</th><th scope="col">{S.colHeld}</th><th scope="col">{S.colRequests}</th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td><a href={`${adminListPath(r.list)}/held`}>{r.list.address}</a></td>
                    <td>{r.role}</td>
                    <td>{r.held > 0 ? <strong>{r.held}</strong> : '0'}</td>
                    <td>{r.requests > 0 ? <strong>{r.requests}</strong> : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/account/sign-out" style="margin-top:2rem"><Csrf token={c.get('csrf')} /><button type="submit">{S.signOutButton}</button></form>
      </>
    ));
  });
  app.get('/admin/lists/:ref', (c) => c.redirect(`${c.req.path}/held`, 303));
}
