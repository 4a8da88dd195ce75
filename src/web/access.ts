// For pages outside the session middleware (the archive): who is signed in on this request, and
// whether they may read a list's archive (public archives: anyone; private: its members, signed
// in by emailed link or password, and its moderators, owners and site admins).
import type { Context } from 'hono';
import type { MailingList } from '../domain/list.ts';
import type { WebSession } from '../store/types.ts';
import { mayReadArchive, readSession } from '../auth/index.ts';
import type { WebDeps } from './deps.ts';
import { readCookie, SESSION_COOKIE } from './middleware/cookies.ts';

export async function sessionOf(c: Context, d: Pick<WebDeps, 'store' | 'now'>): Promise<WebSession | null> {
  return readSession(d, readCookie(c, SESSION_COOKIE));
}

export async function canReadArchive(c: Context, d: Pick<WebDeps, 'store' | 'now'>, list: MailingList): Promise<boolean> {
  if (list.settings.archivePolicy === 'public') return true;
  return mayReadArchive(d.store, await sessionOf(c, d), list);
}
