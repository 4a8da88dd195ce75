// A list's members on the web (Mailman's "who can view subscription list"), `/lists/NAME/roster`:
// shown only to whom the list's rosterVisibility admits (everyone, its members, or its moderators
// and owners), the same rule as the `who` command. Members who chose to be hidden appear only to
// moderators and owners; everyone else reads addresses as the list's addressObfuscation writes them.
import { listDisplayName, type MailingList, type Member } from '../../domain/list.ts';
import { render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp } from '../env.ts';
import { listPath } from '../list-ref.ts';
import { shownAddress } from '../archive/obfuscate.ts';
import { listOr404 } from './lists.tsx';
import { rosterViewer } from './roster-viewer.ts';

export const ROSTER_PAGE = 100;

function Entry(props: { m: Member; list: MailingList; staff: boolean }) {
  const { m } = props;
  const address = props.staff ? m.address : shownAddress(m.address, props.list.settings.addressObfuscation);
  const name = m.displayName || (address ? '' : S.whoNoName);
  return <li>{name}{name && address ? ' — ' : ''}{address}{m.hideFromRoster ? <span class="muted"> {S.whoHiddenMark}</span> : null}</li>;
}

export function mountPublicRoster(app: WebApp, d: WebDeps): void {
  app.get('/lists/:ref/roster', async (c) => {
    const list = await listOr404(c, d);
    if (list instanceof Response) return list;
    const title = S.whoTitle(listDisplayName(list));
    const viewer = await rosterViewer(d, c.get('session'), list);
    if (!viewer.allowed) {
      const hint = list.settings.rosterVisibility === 'members' && !c.get('session') ? <p><a href="/account/sign-in">{S.whoSignIn}</a></p> : null;
      return render(c, d, title, <><h1>{title}</h1><p class="error">{S.whoRefused(list.address)}</p>{hint}<p><a href={listPath(list)}>{S.back}</a></p></>, 403);
    }
    const pageNo = Math.max(1, Math.min(100_000, Number(c.req.query('page')) || 1));
    const rows = await d.store.rosterPage(list.id, 'member', { offset: (pageNo - 1) * ROSTER_PAGE, limit: ROSTER_PAGE + 1 });
    // Hidden members are left out after paging, so a page may hold fewer than ROSTER_PAGE names.
    const shown = rows.slice(0, ROSTER_PAGE).filter((m) => viewer.staff || !m.hideFromRoster);
    const link = (p: number) => `${listPath(list)}/roster?page=${p}`;
    return render(c, d, title, (
      <>
        <h1>{title}</h1>
        <p>{S.membersCount(await d.store.countMembers(list.id, 'member'))}. {viewer.staff ? S.whoStaffNote : S.whoHiddenNote}</p>
        {shown.length === 0 ? <p>{S.whoNone}</p> : <ul>{shown.map((m) => <Entry m={m} list={list} staff={viewer.staff} />)}</ul>}
        <nav class="pager" aria-label={S.rosterPages}>
          {pageNo > 1 ? <a href={link(pageNo - 1)} rel="prev">{S.rosterPrev}</a> : null}
          <span>{S.rosterPage(pageNo)}</span>
          {rows.length > ROSTER_PAGE ? <a href={link(pageNo + 1)} rel="next">{S.rosterNext}</a> : null}
        </nav>
        <p><a href={listPath(list)}>{S.back}</a></p>
      </>
    ));
  });
}
