// Every public link Caucus prints in mail or pages, built in one place so that links never drift
// and never break (the archive's permalinks are promised forever).
import type { Site } from './site.ts';

const enc = encodeURIComponent;

export const listInfoUrl = (site: Site, listName: string): string => `${site.baseUrl}/lists/${enc(listName)}`;
export const archiveUrl = (site: Site, listName: string): string => `${site.baseUrl}/archives/${enc(listName)}/`;
/** RFC 5064 Archived-At and the archive's permanent link to one message. */
export const messagePermalink = (site: Site, listName: string, messageId: string): string =>
  `${site.baseUrl}/archives/${enc(listName)}/m/${enc(messageId)}`;
/** RFC 8058 one-click unsubscribe target; the token identifies the membership. */
export const oneClickUnsubscribeUrl = (site: Site, token: string): string => `${site.baseUrl}/u/${enc(token)}`;
/** Page that explains how to leave a list when no personal token is available (bulk mode). */
export const unsubscribePageUrl = (site: Site, listName: string): string => `${site.baseUrl}/lists/${enc(listName)}#leave`;
/** Landing page for a confirmation token (join, leave, ...); it asks for one click before acting. */
export const confirmUrl = (site: Site, token: string): string => `${site.baseUrl}/confirm/${enc(token)}`;
/** Signed moderation link for a held post. */
export const moderationUrl = (site: Site, listName: string, heldId: number, action: string, signature: string): string =>
  `${site.baseUrl}/moderate/${enc(listName)}/${heldId}/${enc(action)}?sig=${enc(signature)}`;
/** Signed link that turns back on delivery a member lost to bounces (bounces/reenable-link.ts). */
export const reenableUrl = (site: Site, token: string): string => `${site.baseUrl}/reenable/${enc(token)}`;
