// Digest tables: the posts collected for each list's next digest, its volume/issue counters, and
// the rendered issues (kept compressed, as messages are) that the digest deliveries read.
import type { Kysely, Selectable } from 'kysely';
import type { DB, DigestIssuesTable } from './schema.ts';
import { addressKey } from '../../domain/address.ts';
import { decodeRaw, encodeRaw } from '../../domain/raw-codec.ts';
import type { DigestBacklog, DigestEntry, DigestFormat, DigestIssue, DigestState, Recipient } from '../types.ts';

const toIssue = (r: Omit<Selectable<DigestIssuesTable>, 'mime' | 'plain' | 'mime_codec' | 'plain_codec'>): DigestIssue => ({
  id: Number(r.id), listId: Number(r.list_id), volume: Number(r.volume), issue: Number(r.issue), createdAt: new Date(Number(r.created_at)), entryCount: Number(r.entry_count),
});
const ISSUE_COLUMNS = ['id', 'list_id', 'volume', 'issue', 'created_at', 'entry_count'] as const;

export async function addDigestEntry(db: Kysely<DB>, e: Omit<DigestEntry, 'id'>): Promise<void> {
  await db.insertInto('digest_entries').values({ list_id: e.listId, post_id: e.postId, size: e.size, added_at: e.addedAt.getTime() }).execute();
}

export async function digestBacklog(db: Kysely<DB>, listId?: number): Promise<DigestBacklog[]> {
  let q = db
    .selectFrom('digest_entries')
    .select(['list_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('size').as('bytes'), (eb) => eb.fn.min<number>('added_at').as('oldest')])
    .groupBy('list_id')
    .orderBy('list_id');
  if (listId !== undefined) q = q.where('list_id', '=', listId);
  const rows = await q.execute();
  return rows.map((r) => ({ listId: Number(r.list_id), count: Number(r.n), bytes: Number(r.bytes), oldestAt: new Date(Number(r.oldest)) }));
}

export async function lockDigestState(db: Kysely<DB>, listId: number): Promise<DigestState> {
  await db.insertInto('digest_state').values({ list_id: listId, volume: 1, next_issue: 1, last_sent_at: null }).onConflict((oc) => oc.column('list_id').doNothing()).execute();
  // A no-op UPDATE takes the row lock on PostgreSQL, so issue numbering is serialized per list.
  const r = await db
    .updateTable('digest_state')
    .set((eb) => ({ volume: eb.ref('volume') }))
    .where('list_id', '=', listId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { listId, volume: Number(r.volume), nextIssue: Number(r.next_issue), lastSentAt: r.last_sent_at === null ? null : new Date(Number(r.last_sent_at)) };
}

export async function setDigestState(db: Kysely<DB>, s: DigestState): Promise<void> {
  const row = { volume: s.volume, next_issue: s.nextIssue, last_sent_at: s.lastSentAt?.getTime() ?? null };
  await db.insertInto('digest_state').values({ list_id: s.listId, ...row }).onConflict((oc) => oc.column('list_id').doUpdateSet(row)).execute();
}

export async function pendingDigestEntries(db: Kysely<DB>, listId: number): Promise<DigestEntry[]> {
  const rows = await db.selectFrom('digest_entries').selectAll().where('list_id', '=', listId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), listId: Number(r.list_id), postId: Number(r.post_id), size: Number(r.size), addedAt: new Date(Number(r.added_at)) }));
}

export async function saveDigestIssue(
  db: Kysely<DB>,
  i: Omit<DigestIssue, 'id' | 'entryCount'> & { entryIds: number[]; mime: Buffer; plain: Buffer },
): Promise<number> {
  const mime = encodeRaw(i.mime);
  const plain = encodeRaw(i.plain);
  const r = await db
    .insertInto('digest_issues')
    .values({
      list_id: i.listId, volume: i.volume, issue: i.issue, created_at: i.createdAt.getTime(), entry_count: i.entryIds.length,
      mime: mime.data, mime_codec: mime.codec, plain: plain.data, plain_codec: plain.codec,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await dropDigestEntries(db, i.entryIds);
  return Number(r.id);
}

export async function dropDigestEntries(db: Kysely<DB>, ids: number[]): Promise<void> {
  for (let k = 0; k < ids.length; k += 500) {
    await db.deleteFrom('digest_entries').where('id', 'in', ids.slice(k, k + 500)).execute();
  }
}

export async function getDigestIssue(db: Kysely<DB>, id: number): Promise<DigestIssue | null> {
  const r = await db.selectFrom('digest_issues').select(ISSUE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toIssue(r) : null;
}

export async function getDigestRaw(db: Kysely<DB>, id: number, format: DigestFormat): Promise<Buffer | null> {
  if (format === 'mime') {
    const r = await db.selectFrom('digest_issues').select(['mime', 'mime_codec']).where('id', '=', id).executeTakeFirst();
    return r ? decodeRaw(r.mime, r.mime_codec) : null;
  }
  const r = await db.selectFrom('digest_issues').select(['plain', 'plain_codec']).where('id', '=', id).executeTakeFirst();
  return r ? decodeRaw(r.plain, r.plain_codec) : null;
}

export async function listDigestIssues(db: Kysely<DB>, listId: number, limit: number): Promise<DigestIssue[]> {
  const rows = await db.selectFrom('digest_issues').select(ISSUE_COLUMNS).where('list_id', '=', listId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toIssue);
}

export async function purgeDigestIssues(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('digest_issues').where('created_at', '<', before.getTime()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function digestRecipients(db: Kysely<DB>, listId: number, mode: 'mime_digest' | 'plain_digest'): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('members')
    .select(['id', 'address', 'unsubscribe_token', 'receive_own_posts'])
    .where('list_id', '=', listId)
    .where('role', '=', 'member')
    .where('delivery_enabled', '=', 1)
    .where('delivery_mode', '=', mode)
    .orderBy('address_key')
    .execute();
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of rows) {
    const key = addressKey(r.address);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ memberId: Number(r.id), address: r.address, unsubscribeToken: r.unsubscribe_token, receiveOwnPosts: Number(r.receive_own_posts) === 1 });
  }
  return out;
}
