// Who may open an administration page: a password session, and for a list's pages its owner or
// moderator (or a site admin). Pages call `requireList` and get the list and roles, or a response.
import { isSiteAdmin, rolesOn, type ListRoles } from '../../auth/index.ts';
import type { MailingList } from '../../domain/list.ts';
import type { WebDeps } from '../deps.ts';
import type { WebContext } from '../env.ts';
import { lookupList } from '../list-ref.ts';

export type Need = 'moderator' | 'owner';

export interface ListAccess {
  list: MailingList;
  roles: ListRoles;
}

/** Where to send someone who is not signed in with a password, coming back here afterwards. */
export const signInRedirect = (c: WebContext): Response =>
  c.redirect(`/admin/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);

/** The list in the URL when the session may act on it as `need`; otherwise a 303, 403 or 404 kind. */
export async function requireList(c: WebContext, d: WebDeps, need: Need): Promise<ListAccess | 'forbidden' | 'not_found'> {
  const found = await lookupList(d.store, c.req.param('ref') ?? '');
  if (!found || !('list' in found)) return 'not_found';
  const roles = await rolesOn(d.store, c.get('session'), found.list);
  return roles[need] ? { list: found.list, roles } : 'forbidden';
}

export async function requireSiteAdmin(c: WebContext, d: WebDeps): Promise<boolean> {
  return isSiteAdmin(d.store, c.get('session'));
}

/** Only local admin paths are followed after signing in (no open redirect). */
export const safeNext = (next: string | undefined): string => (next && /^\/admin\/[^/\\]?/.test(next) && !next.startsWith('//') ? next : '/admin/');
