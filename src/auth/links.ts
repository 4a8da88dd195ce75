// Single-use emailed links: a random token goes in the mail, its digest in `web_links`. Looking
// at a link (the page that asks for one click) does not use it; only `takeLink` does.
import type { WebLink, WebLinkPurpose } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { digest } from './digest.ts';

export const LINK_TTL_MS: Record<WebLinkPurpose, number> = {
  sign_in: 3_600_000,
  set_password: 86_400_000,
  change_address: 86_400_000,
};

export async function issueLink(d: AuthDeps, address: string, purpose: WebLinkPurpose, data: WebLink['data'] = {}): Promise<string> {
  const token = d.token();
  const now = d.now();
  await d.store.createWebLink({ tokenHash: digest(token), address, purpose, data, createdAt: now, expiresAt: new Date(now.getTime() + LINK_TTL_MS[purpose]) });
  return token;
}

/** The live link of this purpose, without using it. */
export async function peekLink(d: Pick<AuthDeps, 'store' | 'now'>, token: string, purpose: WebLinkPurpose): Promise<WebLink | null> {
  if (!token || token.length > 200) return null;
  const l = await d.store.getWebLink(digest(token));
  return l && l.purpose === purpose && l.expiresAt.getTime() > d.now().getTime() ? l : null;
}

/** Uses the link: returns it once, then never again. A link of another purpose is left alone. */
export async function takeLink(d: Pick<AuthDeps, 'store' | 'now'>, token: string, purpose: WebLinkPurpose): Promise<WebLink | null> {
  if (!(await peekLink(d, token, purpose))) return null;
  return d.store.takeWebLink(digest(token), d.now());
}
