// What a signed-in person may do on a list. Member pages need only a proven mailbox (either kind of
// session); moderating, changing a list and site administration need a password session.
import type { MailingList } from '../domain/list.ts';
import type { Store, WebSession } from '../store/types.ts';

export interface ListRoles {
  member: boolean;
  moderator: boolean;
  owner: boolean;
  siteAdmin: boolean;
}

const NONE: ListRoles = { member: false, moderator: false, owner: false, siteAdmin: false };

export async function isSiteAdmin(store: Store, session: WebSession | null): Promise<boolean> {
  if (!session || session.method !== 'password') return false;
  return (await store.getAccount(session.address))?.siteAdmin === true;
}

export async function rolesOn(store: Store, session: WebSession | null, list: MailingList): Promise<ListRoles> {
  if (!session) return NONE;
  const member = (await store.getMember(list.id, session.address, 'member')) !== null;
  if (session.method !== 'password') return { ...NONE, member };
  const siteAdmin = await isSiteAdmin(store, session);
  const owner = siteAdmin || (await store.getMember(list.id, session.address, 'owner')) !== null;
  const moderator = owner || (await store.getMember(list.id, session.address, 'moderator')) !== null;
  return { member, moderator, owner, siteAdmin };
}

/**
 * Whether this session may read the list's archive: anyone for a public archive; for a private
 * one, its members (signed in by link or password), moderators, owners and site admins.
 */
export async function mayReadArchive(store: Store, session: WebSession | null, list: MailingList): Promise<boolean> {
  if (list.settings.archivePolicy === 'public') return true;
  if (list.settings.archivePolicy === 'none' || !session) return false;
  const r = await rolesOn(store, session, list);
  if (r.member || r.moderator) return true;
  // Owners and moderators who signed in by link have proven their mailbox as well.
  return (await store.getMember(list.id, session.address, 'owner')) !== null || (await store.getMember(list.id, session.address, 'moderator')) !== null;
}
