// Archive reads for quote-based threading: the posts a reply without references may be quoting
// (one range of the (list_id, date) index, newest first), and the text the search index holds for
// given entries, from which their fingerprints are made (FTS5 keeps it on SQLite, archive_search
// on PostgreSQL), so no second copy of any text is stored.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';
import type { ArchiveQuoteCandidate, ArchiveQuoteQuery } from '../types.ts';
import { nz } from './archive-rows.ts';

type Dialect = 'sqlite' | 'postgres';
const CHUNK = 500;
/** Keys per query: an attribution names one author; more is a hostile message. */
const MAX_KEYS = 20;

const likePart = (s: string): string => `%${nz(s).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQLite's lower() and LIKE fold ASCII only: a word starting with a non-ASCII letter is also
 * looked for capitalised ("élodie" finds "Élodie"). PostgreSQL's lower() folds it already.
 */
function spellings(word: string): string[] {
  const w = word.toLowerCase();
  if (/^[\x00-\x7f]*$/.test(w)) return [w];
  const cap = w.charAt(0).toUpperCase() + w.slice(1);
  return cap === w ? [w] : [w, cap];
}

export async function quoteCandidates(db: Kysely<DB>, listId: number, q: ArchiveQuoteQuery): Promise<ArchiveQuoteCandidate[]> {
  const who: Array<RawBuilder<unknown>> = [];
  const addresses = q.addresses.slice(0, MAX_KEYS).map((a) => nz(a.toLowerCase()));
  if (addresses.length > 0) who.push(sql`lower(author_address) IN (${sql.join(addresses)})`);
  for (const w of q.nameWords.slice(0, MAX_KEYS)) {
    for (const s of spellings(w)) who.push(sql`lower(author_name) LIKE ${likePart(s)} ESCAPE '\\'`);
  }
  for (const d of q.dates.slice(0, MAX_KEYS)) who.push(sql`(date >= ${d.from.getTime()} AND date <= ${d.to.getTime()})`);
  if (who.length === 0 || q.limit <= 0) return [];
  const rows = await sql<{ id: number | string; message_id: string; author_name: string; author_address: string; date: number | string }>`
    SELECT id, message_id, author_name, author_address, date FROM archive_messages
    WHERE list_id = ${listId} AND date >= ${q.from.getTime()} AND date <= ${q.to.getTime()}
      AND duplicate = 0 AND bad_reason IS NULL AND thread_id IS NOT NULL AND (${sql.join(who, sql` OR `)})
    ORDER BY date DESC, id DESC LIMIT ${q.limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id), messageId: r.message_id, authorName: r.author_name, authorAddress: r.author_address, date: new Date(Number(r.date)),
  }));
}

export async function indexedTexts(db: Kysely<DB>, dialect: Dialect, ids: readonly number[]): Promise<Array<{ id: number; text: string }>> {
  const out: Array<{ id: number; text: string }> = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    if (part.length === 0) continue;
    const q = dialect === 'sqlite'
      ? sql<{ id: number | string; body: string }>`SELECT rowid AS id, body FROM archive_fts WHERE rowid IN (${sql.join(part)})`
      : sql<{ id: number | string; body: string }>`SELECT archive_id AS id, body FROM archive_search WHERE archive_id IN (${sql.join(part)})`;
    for (const r of (await q.execute(db)).rows) out.push({ id: Number(r.id), text: r.body });
  }
  return out;
}
