// Who may see a list's members (its rosterVisibility: everyone, its members, or its moderators and
// owners), decided once for the roster page and for the link to it on the list's information page.
import { isSiteAdmin } from '../../auth/index.ts';
import type { MailingList } from '../../domain/list.ts';
import type { WebSession } from '../../store/types.ts';
import type { WebDeps } from '../deps.ts';

export interface RosterViewer {
  /** May see the roster at all. */
  allowed: boolean;
  /** An owner, moderator or site admin: sees hidden members and plain addresses. */
  staff: boolean;
}

/** Who is looking, as the list's rosterVisibility sees them. A mailed-link session proves the mailbox, as a `who` mail does. */
export async function rosterViewer(d: WebDeps, session: WebSession | null, list: MailingList): Promise<RosterViewer> {
  const visibility = list.settings.rosterVisibility;
  if (!session) return { allowed: visibility === 'public', staff: false };
  const staff = (await d.store.getMember(list.id, session.address, 'owner')) !== null
    || (await d.store.getMember(list.id, session.address, 'moderator')) !== null
    || (await isSiteAdmin(d.store, session));
  const member = staff || (await d.store.getMember(list.id, session.address, 'member')) !== null;
  return { allowed: visibility === 'public' || (visibility === 'members' && member) || staff, staff };
}
