// Bearer tokens for the REST API (RFC 6750): shown once when made, stored as a digest, for the
// whole site or for one list.
import { CaucusError } from '../domain/errors.ts';
import type { ApiToken } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { digest } from './digest.ts';

const PREFIX = 'caucus_';

export async function createApiToken(d: AuthDeps, name: string, listId: number | null): Promise<{ token: string; record: ApiToken }> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw new CaucusError('invalid', 'A token needs a name of 1 to 100 characters.');
  // The prefix lets secret scanners recognise a leaked token.
  const token = `${PREFIX}${d.token()}${d.token()}`;
  const record = await d.store.createApiToken({ name: clean, tokenHash: digest(token), listId, createdAt: d.now() });
  return { token, record };
}

/** The token an `Authorization: Bearer …` value names, or null. */
export async function authenticateApiToken(d: Pick<AuthDeps, 'store' | 'now'>, bearer: string): Promise<ApiToken | null> {
  if (!bearer.startsWith(PREFIX) || bearer.length > 200) return null;
  const t = await d.store.findApiToken(digest(bearer));
  if (t) await d.store.touchApiToken(t.id, d.now());
  return t;
}
