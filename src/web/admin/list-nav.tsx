// The heading and navigation shared by a list's administration pages, and the answers for a
// list that does not exist or may not be touched by this account.
import { listDisplayName, type MailingList } from '../../domain/list.ts';
import type { ListRoles } from '../../auth/index.ts';
import { render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebContext } from '../env.ts';
import { adminListPath, listPath } from '../list-ref.ts';

export function ListNav(props: { list: MailingList; roles: ListRoles; current: string }) {
  const base = adminListPath(props.list);
  const items: Array<[string, string, boolean]> = [
    [`${base}/held`, S.navHeld, true],
    [`${base}/settings`, S.navSettings, props.roles.owner],
    [`${base}/members`, S.navMembers, props.roles.owner],
    [`${base}/people`, S.navPeople, props.roles.owner],
    [listPath(props.list), S.navInfo, true],
  ];
  return (
    <>
      <p class="muted"><a href="/admin/">{S.dashboardTitle}</a> › {props.list.address}</p>
      <h1>{listDisplayName(props.list)}: {props.current}</h1>
      <nav aria-label={S.listNavLabel}>
        <ul class="actions" style="list-style:none;padding:0">
          {items.filter(([, , shown]) => shown).map(([href, label]) => (
            <li><a href={href} aria-current={label === props.current ? 'page' : undefined}>{label}</a></li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export function refuse(c: WebContext, d: WebDeps, why: 'forbidden' | 'not_found') {
  return why === 'forbidden'
    ? render(c, d, S.forbiddenTitle, <><h1>{S.forbiddenTitle}</h1><p class="error">{S.forbidden}</p></>, 403)
    : render(c, d, S.notFoundTitle, <><h1>{S.notFoundTitle}</h1><p>{S.notFound}</p></>, 404);
}
