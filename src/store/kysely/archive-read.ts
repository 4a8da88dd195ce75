// Archive reads for pages, export and search: every page query is one indexed range over
// archive_messages; hidden rows (an import in progress) and unreadable messages stay out.
import { sql, type CompiledQuery, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { DialectSpec } from '../dialects/types.ts';
import type { ArchiveMessagesTable, DB } from './schema.ts';
import { archiveSearchFor } from '../dialects/archive-search.ts';
import type { ArchiveEntry, ArchiveIndexRow, ArchiveMonth, ArchiveMonthOrder, ArchiveMonthPage, ArchiveMonthState, ArchiveSearchHit, ArchiveSearchQuery, ArchiveSummary } from '../types.ts';
import { nz, toEntry } from './archive-rows.ts';

type Dialect = 'sqlite' | 'postgres';

function visible(db: Kysely<DB>, listId: number): SelectQueryBuilder<DB, 'archive_messages', object> {
  return db.selectFrom('archive_messages').where('list_id', '=', listId).where('hidden', '=', 0).where('bad_reason', 'is', null);
}

export async function entriesAfter(db: Kysely<DB>, listId: number, afterNumber: number, limit: number, month?: string): Promise<ArchiveEntry[]> {
  let q = db.selectFrom('archive_messages').selectAll().where('list_id', '=', listId).where('number', '>', afterNumber);
  if (month) q = q.where('month', '=', month);
  return (await q.orderBy('number').limit(limit).execute()).map(toEntry);
}

// Counts come from archive_month_counts (migration 6), which triggers keep equal to the readable
// rows: counting rows instead would read every message of a list.
export async function archivedLists(db: Kysely<DB>): Promise<Array<{ listId: number; count: number }>> {
  const rows = (await sql<{ list_id: number; n: number }>`SELECT list_id, SUM(n) AS n FROM archive_month_counts GROUP BY list_id HAVING SUM(n) > 0`.execute(db)).rows;
  return rows.map((r) => ({ listId: Number(r.list_id), count: Number(r.n) }));
}

export async function months(db: Kysely<DB>, listId: number): Promise<ArchiveMonth[]> {
  const rows = (await sql<{ month: string; n: number }>`SELECT month, n FROM archive_month_counts WHERE list_id = ${listId} AND n > 0 ORDER BY month DESC`.execute(db)).rows;
  return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
}

export async function monthEntries(db: Kysely<DB>, listId: number, month: string): Promise<ArchiveEntry[]> {
  return (await visible(db, listId).selectAll().where('month', '=', month).orderBy('date').orderBy('number').execute()).map(toEntry);
}

export async function threadEntries(db: Kysely<DB>, listId: number, threadId: string): Promise<ArchiveEntry[]> {
  return (await visible(db, listId).selectAll().where('thread_id', '=', nz(threadId)).orderBy('date').orderBy('number').limit(5000).execute()).map(toEntry);
}

// Summaries: the columns index pages show, so that a month of thousands of messages decodes no
// references, quote data or attachment names. A thread's list and thread id are those asked for.
const SUMMARY = ['id', 'number', 'raw_id', 'month', 'message_id', 'duplicate', 'parent_id', 'subject', 'base_subject', 'author_name', 'author_address', 'date', 'size'] as const;
type Arrays = DialectSpec['selectArrays'];

/**
 * The rows of `q` as arrays in the order of `columns`: straight from the connection where the
 * dialect can (DialectSpec.selectArrays), else taken from Kysely's row objects.
 */
async function arraysOf<K extends string>(q: { compile(): CompiledQuery; execute(): Promise<Array<Record<K, unknown>>> }, columns: readonly K[], arrays: Arrays): Promise<unknown[][]> {
  if (arrays) {
    const c = q.compile();
    return await arrays(c.sql, c.parameters);
  }
  return (await q.execute()).map((r) => columns.map((k) => r[k]));
}

export async function threadSummaries(db: Kysely<DB>, listId: number, threadId: string, arrays?: Arrays): Promise<ArchiveSummary[]> {
  const thread = nz(threadId);
  const q = visible(db, listId).select(SUMMARY).where('thread_id', '=', thread).orderBy('date').orderBy('number').limit(5000);
  return (await arraysOf(q, SUMMARY, arrays)).map((a): ArchiveSummary => ({
    id: Number(a[0]), listId, number: Number(a[1]), rawId: Number(a[2]), month: a[3] as string, messageId: a[4] as string,
    duplicate: a[5] === 1, threadId: thread, parentId: a[6] as string | null, subject: a[7] as string, baseSubject: a[8] as string,
    authorName: a[9] as string, authorAddress: a[10] as string, date: new Date(Number(a[11])), size: Number(a[12]),
  }));
}

/** A month's readable count and generation (archive_month_counts, migrations 6 and 7). */
export async function monthState(db: Kysely<DB>, listId: number, month: string): Promise<ArchiveMonthState | null> {
  const r = (await sql<{ n: number; generation: number }>`SELECT n, generation FROM archive_month_counts WHERE list_id = ${listId} AND month = ${month}`.execute(db)).rows[0];
  return r && Number(r.n) > 0 ? { count: Number(r.n), generation: Number(r.generation) } : null;
}

/** A kept month page (archive_month_pages, migration 9). */
export async function monthPage(db: Kysely<DB>, listId: number, month: string, variant: string): Promise<ArchiveMonthPage | null> {
  const r = (await sql<{ generation: number; row_count: number; first_date: number | null; last_date: number | null; html: Buffer }>`
    SELECT generation, row_count, first_date, last_date, html FROM archive_month_pages WHERE list_id = ${listId} AND month = ${month} AND variant = ${variant}`.execute(db)).rows[0];
  if (!r) return null;
  const at = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));
  return { generation: Number(r.generation), rows: Number(r.row_count), first: at(r.first_date), last: at(r.last_date), html: Buffer.from(r.html) };
}

/** Keeps a page; one kept at a later generation (a renderer that read the rows after this one) stays. */
export async function putMonthPage(db: Kysely<DB>, listId: number, month: string, variant: string, p: ArchiveMonthPage): Promise<void> {
  await sql`INSERT INTO archive_month_pages (list_id, month, variant, generation, row_count, first_date, last_date, html)
    VALUES (${listId}, ${month}, ${variant}, ${p.generation}, ${p.rows}, ${p.first?.getTime() ?? null}, ${p.last?.getTime() ?? null}, ${p.html})
    ON CONFLICT (list_id, month, variant) DO UPDATE SET generation = excluded.generation, row_count = excluded.row_count,
      first_date = excluded.first_date, last_date = excluded.last_date, html = excluded.html
    WHERE excluded.generation >= archive_month_pages.generation`.execute(db);
}

/** Months with readable messages whose page in one of `variants` is missing or not of the month's generation. */
export async function staleMonthPages(db: Kysely<DB>, listId: number, variants: readonly string[]): Promise<Array<{ month: string; generation: number }>> {
  if (variants.length === 0) return [];
  const rows = (await sql<{ month: string; generation: number }>`
    SELECT c.month, c.generation FROM archive_month_counts c
    WHERE c.list_id = ${listId} AND c.n > 0 AND (SELECT count(*) FROM archive_month_pages p
      WHERE p.list_id = c.list_id AND p.month = c.month AND p.generation = c.generation AND p.variant IN (${sql.join(variants)})) < ${variants.length}
    ORDER BY c.month DESC`.execute(db)).rows;
  return rows.map((r) => ({ month: r.month, generation: Number(r.generation) }));
}

// The month is the one asked for: not read again for each of its thousands of rows.
const INDEX_ROW = ['id', 'number', 'message_id', 'duplicate', 'parent_id', 'subject', 'author_name', 'author_address', 'date'] as const;

/** INDEX_ROW's columns as an array (arraysOf) to an ArchiveIndexRow. */
const indexRowOf = (month: string) => (a: unknown[]): ArchiveIndexRow => ({
  id: Number(a[0]), number: Number(a[1]), month, messageId: a[2] as string, duplicate: a[3] === 1, parentId: a[4] as string | null,
  subject: a[5] as string, authorName: a[6] as string, authorAddress: a[7] as string, date: new Date(Number(a[8])),
});

/** Rows per page of a month index above which the whole month is read at once. */
const WHOLE = 500;

interface Keyed { key: string; date: number; number: number }
const byKey = (a: Keyed, b: Keyed): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.date - b.date || a.number - b.number;

/**
 * A page of a month's index. Date order is an index range. The others sort here, so both dialects
 * sort alike: a whole month (Pipermail's pages) reads its rows with their keys at once; a page reads
 * the month's keys (a few short columns), then its own rows by id.
 */
export async function monthRows(db: Kysely<DB>, listId: number, month: string, order: ArchiveMonthOrder, offset: number, limit: number, arrays?: Arrays): Promise<ArchiveIndexRow[]> {
  const inMonth = visible(db, listId).where('month', '=', month);
  const fromArray = indexRowOf(month);
  if (order === 'date') return (await arraysOf(inMonth.select(INDEX_ROW).orderBy('date').orderBy('number').limit(limit).offset(offset), INDEX_ROW, arrays)).map(fromArray);
  // Subject order by base subject, author order by name (else address), case aside.
  const keyOf = (baseSubject: string, name: string, address: string): string => (order === 'subject' ? baseSubject : name || address).toLowerCase();
  if (offset === 0 && limit > WHOLE) {
    const columns = [...INDEX_ROW, 'base_subject'] as const;
    const rows = (await arraysOf(inMonth.select(columns), columns, arrays)).map((a) => {
      const row = fromArray(a);
      return { row, key: keyOf(a[9] as string, row.authorName, row.authorAddress), date: row.date.getTime(), number: row.number };
    });
    return rows.sort(byKey).slice(0, limit).map((r) => r.row);
  }
  const KEYS = ['id', 'base_subject', 'author_name', 'author_address', 'date', 'number'] as const;
  const keys = (await arraysOf(inMonth.select(KEYS), KEYS, arrays))
    .map((a) => ({ id: Number(a[0]), key: keyOf(a[1] as string, a[2] as string, a[3] as string), date: Number(a[4]), number: Number(a[5]) }));
  keys.sort(byKey);
  const ids = keys.slice(offset, offset + limit).map((k) => k.id);
  const byId = new Map<number, ArchiveIndexRow>();
  for (let i = 0; i < ids.length; i += WHOLE) {
    for (const a of await arraysOf(db.selectFrom('archive_messages').select(INDEX_ROW).where('id', 'in', ids.slice(i, i + WHOLE)), INDEX_ROW, arrays)) {
      const row = fromArray(a);
      byId.set(row.id, row);
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function entryByNumber(db: Kysely<DB>, listId: number, number: number): Promise<ArchiveEntry | null> {
  const r = await visible(db, listId).selectAll().where('number', '=', number).executeTakeFirst();
  return r ? toEntry(r) : null;
}

export async function entriesByMessageId(db: Kysely<DB>, listId: number, messageId: string): Promise<ArchiveEntry[]> {
  return (await visible(db, listId).selectAll().where('message_id', '=', nz(messageId)).orderBy('number').execute()).map(toEntry);
}

/**
 * The messages just before and after `e` by (date, number), in one statement of four index seeks:
 * a tie on the date is settled by number, so each side is "same date, nearest number" or else
 * "nearest date". (An OR of both would scan every newer message of the list.)
 */
export async function dateNeighbours(db: Kysely<DB>, e: ArchiveEntry): Promise<{ prev: ArchiveEntry | null; next: ArchiveEntry | null }> {
  const t = e.date.getTime();
  const seek = (k: number, cond: RawBuilder<unknown>, order: RawBuilder<unknown>) =>
    sql`SELECT * FROM (SELECT ${k} AS k, m.* FROM archive_messages m WHERE m.list_id = ${e.listId} AND m.hidden = 0 AND m.bad_reason IS NULL AND ${cond} ORDER BY ${order} LIMIT 1) s${sql.raw(String(k))}`;
  // "number + 0": a tie is found through the date index; the number index would scan the list.
  const rows = (await sql<Selectable<ArchiveMessagesTable> & { k: number }>`${seek(0, sql`m.date = ${t} AND m.number + 0 < ${e.number}`, sql`m.number + 0 DESC`)}
    UNION ALL ${seek(1, sql`m.date < ${t}`, sql`m.date DESC, m.number DESC`)}
    UNION ALL ${seek(2, sql`m.date = ${t} AND m.number + 0 > ${e.number}`, sql`m.number + 0`)}
    UNION ALL ${seek(3, sql`m.date > ${t}`, sql`m.date, m.number`)}`.execute(db)).rows;
  const at = (k: number) => rows.find((r) => Number(r.k) === k);
  const prev = at(0) ?? at(1);
  const next = at(2) ?? at(3);
  return { prev: prev ? toEntry(prev) : null, next: next ? toEntry(next) : null };
}

/** How many of the most recently archived matches a search orders (see ArchiveSearchDialect.search). */
const SEARCH_WINDOW = 500;

const likeText = (s: string): string => `%${nz(s.toLowerCase()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function search(db: Kysely<DB>, dialect: Dialect, q: ArchiveSearchQuery): Promise<ArchiveSearchHit[]> {
  if (q.listIds.length === 0) return [];
  const conds = [sql`a.list_id IN (${sql.join(q.listIds)})`, sql`a.hidden = 0`, sql`a.bad_reason IS NULL`];
  if (q.from) conds.push(sql`(lower(a.author_address) LIKE ${likeText(q.from)} ESCAPE '\\' OR lower(a.author_name) LIKE ${likeText(q.from)} ESCAPE '\\')`);
  if (q.subject) conds.push(sql`lower(a.subject) LIKE ${likeText(q.subject)} ESCAPE '\\'`);
  if (q.before) conds.push(sql`a.date < ${q.before.getTime()}`);
  if (q.after) conds.push(sql`a.date >= ${q.after.getTime()}`);
  if (q.hasAttachment) conds.push(sql`a.attachment_count > 0`);
  const where = sql.join(conds, sql` AND `);
  const words = nz(q.words).trim();
  const hits = words
    ? await archiveSearchFor(dialect).search(db, words, where, q.order, q.limit, q.offset, Math.max(SEARCH_WINDOW, q.offset + q.limit))
    : (await sql<{ id: number; snippet: null }>`SELECT a.id AS id, NULL AS snippet FROM archive_messages a WHERE ${where} ORDER BY a.date DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db)).rows;
  if (hits.length === 0) return [];
  const rows = await db.selectFrom('archive_messages').selectAll().where('id', 'in', hits.map((h) => Number(h.id))).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), toEntry(r)]));
  const out: ArchiveSearchHit[] = [];
  for (const h of hits) {
    const entry = byId.get(Number(h.id));
    if (entry) out.push({ entry, snippet: h.snippet });
  }
  return out;
}
