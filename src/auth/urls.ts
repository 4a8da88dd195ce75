// The links this feature mails: each lands on a page that asks for one click (or a new password)
// before anything happens, so a mail scanner that fetches it changes nothing.
import type { Site } from '../domain/site.ts';

const enc = encodeURIComponent;

export const signInLinkUrl = (site: Site, token: string): string => `${site.baseUrl}/account/link/${enc(token)}`;
export const passwordLinkUrl = (site: Site, token: string): string => `${site.baseUrl}/admin/password/${enc(token)}`;
export const addressChangeUrl = (site: Site, token: string): string => `${site.baseUrl}/account/change/${enc(token)}`;
export const accountUrl = (site: Site): string => `${site.baseUrl}/account/`;
