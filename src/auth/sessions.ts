// Browser sessions: a random cookie value whose digest names a row. A session opened by an emailed
// link serves member pages; one opened with a password also serves moderator, owner and admin pages.
import type { SessionMethod, WebSession } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { digest } from './digest.ts';

const HOUR_MS = 3_600_000;
/** A password session is short (it can change lists); a member's link session lasts a month. */
export const SESSION_TTL_MS: Record<SessionMethod, number> = { password: 12 * HOUR_MS, link: 30 * 24 * HOUR_MS };

export interface OpenedSession {
  /** The value to put in the cookie; never stored. */
  cookie: string;
  session: WebSession;
}

export async function openSession(d: AuthDeps, address: string, method: SessionMethod): Promise<OpenedSession> {
  const cookie = `${d.token()}${d.token()}`;
  const now = d.now();
  const session: WebSession = { idHash: digest(cookie), address, method, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS[method]) };
  await d.store.createSession(session);
  return { cookie, session };
}

/** The live session a cookie names, or null (unknown, or expired: then it is deleted). */
export async function readSession(d: Pick<AuthDeps, 'store' | 'now'>, cookie: string | undefined): Promise<WebSession | null> {
  if (!cookie || cookie.length > 200) return null;
  const s = await d.store.getSession(digest(cookie));
  if (!s) return null;
  if (s.expiresAt.getTime() <= d.now().getTime()) {
    await d.store.deleteSession(s.idHash);
    return null;
  }
  return s;
}

export async function endSession(d: Pick<AuthDeps, 'store'>, cookie: string | undefined): Promise<void> {
  if (cookie) await d.store.deleteSession(digest(cookie));
}
