// The web's records: accounts, sessions, one-time links and API tokens. Secrets arrive here
// already hashed; lookups are by digest only.
import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import { addressKey } from '../../domain/address.ts';
import type { Member, MemberRole } from '../../domain/list.ts';
import type { ApiToken, SessionMethod, WebAccount, WebLink, WebLinkPurpose, WebSession } from '../types.ts';
import { toMember } from './rows.ts';
import type { ApiTokensTable, DB, WebAccountsTable, WebLinksTable } from './schema.ts';

const LinkData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const toAccount = (r: Selectable<WebAccountsTable>): WebAccount => ({
  id: Number(r.id),
  address: r.address,
  passwordHash: r.password_hash,
  siteAdmin: r.site_admin === 1,
  createdAt: new Date(Number(r.created_at)),
  passwordSetAt: r.password_set_at === null ? null : new Date(Number(r.password_set_at)),
});

const toLink = (r: Selectable<WebLinksTable>): WebLink => ({
  tokenHash: r.token_hash,
  address: r.address,
  purpose: r.purpose as WebLinkPurpose,
  data: LinkData.parse(JSON.parse(r.data)),
  createdAt: new Date(Number(r.created_at)),
  expiresAt: new Date(Number(r.expires_at)),
});

const toToken = (r: Selectable<ApiTokensTable>): ApiToken => ({
  id: Number(r.id),
  name: r.name,
  tokenHash: r.token_hash,
  listId: r.list_id === null ? null : Number(r.list_id),
  createdAt: new Date(Number(r.created_at)),
  lastUsedAt: r.last_used_at === null ? null : new Date(Number(r.last_used_at)),
});

export async function getAccount(db: Kysely<DB>, address: string): Promise<WebAccount | null> {
  const r = await db.selectFrom('web_accounts').selectAll().where('address_key', '=', addressKey(address)).executeTakeFirst();
  return r ? toAccount(r) : null;
}

export async function ensureAccount(db: Kysely<DB>, address: string, now: Date, opts: { siteAdmin?: boolean } = {}): Promise<WebAccount> {
  await db
    .insertInto('web_accounts')
    .values({ address, address_key: addressKey(address), password_hash: null, site_admin: opts.siteAdmin ? 1 : 0, created_at: now.getTime(), password_set_at: null })
    .onConflict((oc) => oc.column('address_key').doNothing())
    .execute();
  if (opts.siteAdmin) await db.updateTable('web_accounts').set({ site_admin: 1 }).where('address_key', '=', addressKey(address)).execute();
  return (await getAccount(db, address)) as WebAccount;
}

export async function setAccountPassword(db: Kysely<DB>, address: string, hash: string | null, now: Date): Promise<void> {
  await db.updateTable('web_accounts').set({ password_hash: hash, password_set_at: hash === null ? null : now.getTime() }).where('address_key', '=', addressKey(address)).execute();
}

export async function listAccounts(db: Kysely<DB>): Promise<WebAccount[]> {
  return (await db.selectFrom('web_accounts').selectAll().orderBy('address_key').execute()).map(toAccount);
}

export async function createSession(db: Kysely<DB>, s: WebSession): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({ id_hash: s.idHash, address: s.address, address_key: addressKey(s.address), method: s.method, created_at: s.createdAt.getTime(), expires_at: s.expiresAt.getTime() })
    .execute();
}

export async function getSession(db: Kysely<DB>, idHash: string): Promise<WebSession | null> {
  const r = await db.selectFrom('web_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!r) return null;
  return { idHash: r.id_hash, address: r.address, method: r.method as SessionMethod, createdAt: new Date(Number(r.created_at)), expiresAt: new Date(Number(r.expires_at)) };
}

export async function deleteSessionsOf(db: Kysely<DB>, address: string): Promise<number> {
  const r = await db.deleteFrom('web_sessions').where('address_key', '=', addressKey(address)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function createWebLink(db: Kysely<DB>, l: WebLink): Promise<void> {
  await db
    .insertInto('web_links')
    .values({ token_hash: l.tokenHash, address: l.address, purpose: l.purpose, data: JSON.stringify(l.data), created_at: l.createdAt.getTime(), expires_at: l.expiresAt.getTime() })
    .execute();
}

export async function getWebLink(db: Kysely<DB>, tokenHash: string): Promise<WebLink | null> {
  const r = await db.selectFrom('web_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r ? toLink(r) : null;
}

export async function takeWebLink(db: Kysely<DB>, tokenHash: string, now: Date): Promise<WebLink | null> {
  // DELETE … RETURNING makes the link single-use even when two requests race for it.
  const r = await db.deleteFrom('web_links').where('token_hash', '=', tokenHash).returningAll().executeTakeFirst();
  if (!r || Number(r.expires_at) <= now.getTime()) return null;
  return toLink(r);
}

export async function purgeExpiredWeb(db: Kysely<DB>, now: Date): Promise<number> {
  const a = await db.deleteFrom('web_sessions').where('expires_at', '<=', now.getTime()).executeTakeFirst();
  const b = await db.deleteFrom('web_links').where('expires_at', '<=', now.getTime()).executeTakeFirst();
  return Number(a.numDeletedRows) + Number(b.numDeletedRows);
}

export async function createApiToken(db: Kysely<DB>, t: Omit<ApiToken, 'id' | 'lastUsedAt'>): Promise<ApiToken> {
  const r = await db
    .insertInto('api_tokens')
    .values({ name: t.name, token_hash: t.tokenHash, list_id: t.listId, created_at: t.createdAt.getTime(), last_used_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(r);
}

export async function findApiToken(db: Kysely<DB>, tokenHash: string): Promise<ApiToken | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r ? toToken(r) : null;
}

export async function listApiTokens(db: Kysely<DB>): Promise<ApiToken[]> {
  return (await db.selectFrom('api_tokens').selectAll().orderBy('id').execute()).map(toToken);
}

export async function deleteApiToken(db: Kysely<DB>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * One page of a roster for the web and the API, ordered by the folded address alone: it is unique
 * within (list, role), so the order is stable, and PostgreSQL walks the (list_id, role, address_key)
 * index instead of sorting every member under the database collation. Search is case-insensitive
 * on both dialects; `%` and `_` in it match themselves.
 */
export async function rosterPage(db: Kysely<DB>, listId: number, role: MemberRole, q: { search?: string; offset: number; limit: number }): Promise<Member[]> {
  let query = db.selectFrom('members').selectAll().where('list_id', '=', listId).where('role', '=', role);
  if (q.search) {
    const like = `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([sql<boolean>`address_key LIKE ${like} ESCAPE '\\'`, sql<boolean>`lower(display_name) LIKE ${like} ESCAPE '\\'`]));
  }
  const rows = await query.orderBy('address_key').limit(q.limit).offset(q.offset).execute();
  return rows.map(toMember);
}
