// The archive's full-text index, the one part of the archive that differs by dialect: an FTS5
// table on SQLite (bm25 ranking, snippet()), a tsvector column with a GIN index on PostgreSQL
// (ts_rank, ts_headline). Both index subject, author and the author's own words of each message.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from './types.ts';

export interface SearchRow { id: number; subject: string; author: string; body: string }

/** Marks around matched words in snippets; the web page turns them into <mark>. */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export interface ArchiveSearchDialect {
  create(db: Kysely<DB>): Promise<void>;
  /** Adds rows for new ids; `insertRows` is the dialect's bulk path (DialectSpec). */
  put(db: Kysely<DB>, rows: readonly SearchRow[], insertRows: DialectSpec['insertRows']): Promise<void>;
  remove(db: Kysely<DB>, ids: readonly number[]): Promise<void>;
  /**
   * Ids and a snippet of the messages matching `words` (quoted phrases kept), best or newest first.
   * Only the `window` most recently archived matches are ordered: a word in half a million
   * messages costs the same as a rare one, and a search matching fewer is ordered exactly.
   */
  search(db: Kysely<DB>, words: string, where: RawBuilder<unknown>, order: 'rank' | 'newest', limit: number, offset: number, window: number): Promise<Array<{ id: number; snippet: string | null }>>;
}

/** The words and "phrases" of a search as FTS5 strings, each quoted so nothing is an operator. */
function fts5Parts(words: string): string[] {
  const out: string[] = [];
  for (const m of words.matchAll(/"([^"]*)"|(\S+)/g)) {
    const t = (m[1] ?? m[2] ?? '').replace(/"/g, '').trim();
    if (t) out.push(`"${t}"`);
  }
  return out;
}

/** FTS5 query syntax from free words: each word or "phrase" quoted, so nothing is an operator. */
export function fts5Query(words: string): string {
  return fts5Parts(words).join(' ');
}

const sqliteSearch: ArchiveSearchDialect = {
  async create(db) {
    await sql`CREATE VIRTUAL TABLE archive_fts USING fts5(subject, author, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  },
  // Callers put new ids only (a rewrite removes first), so a plain INSERT: no lookup of an old row.
  async put(db, rows, insertRows) {
    await insertRows(db, 'archive_fts', ['rowid', 'subject', 'author', 'body'], rows.map((r) => [r.id, r.subject, r.author, r.body]));
  },
  async remove(db, ids) {
    for (let i = 0; i < ids.length; i += 500) await sql`DELETE FROM archive_fts WHERE rowid IN (${sql.join(ids.slice(i, i + 500))})`.execute(db);
  },
  // The window is read newest first: FTS5 walks its doclists by rowid and stops at the LIMIT.
  async search(db, words, where, order, limit, offset, window) {
    const q = fts5Query(words);
    const w = (await sql<{ id: number; d: number }>`SELECT archive_fts.rowid AS id, a.date AS d
      FROM archive_fts JOIN archive_messages a ON a.id = archive_fts.rowid
      WHERE archive_fts MATCH ${q} AND ${where} ORDER BY archive_fts.rowid DESC LIMIT ${window}`.execute(db)).rows;
    if (w.length === 0) return [];
    const lo = Math.min(...w.map((r) => Number(r.id)));
    const score = order === 'rank' ? await sqliteScores(db, words, lo) : new Map<number, number>();
    const page = w.map((r) => ({ id: Number(r.id), d: Number(r.d), s: score.get(Number(r.id)) ?? 0 }))
      .sort((a, b) => b.s - a.s || b.d - a.d || b.id - a.id).slice(offset, offset + limit);
    if (page.length === 0) return [];
    // One snippet per row of the page, each found by its rowid (a range would build them all).
    const one = (id: number) => sql`SELECT rowid AS id, snippet(archive_fts, 2, ${HIT_START}, ${HIT_END}, '…', 16) AS snippet FROM archive_fts WHERE archive_fts MATCH ${q} AND rowid = ${asRowid(id)}`;
    const snippets = new Map((await sql<{ id: number; snippet: string | null }>`${sql.join(page.map((p) => one(p.id)), sql` UNION ALL `)}`.execute(db)).rows.map((r) => [Number(r.id), r.snippet]));
    return page.map((p) => ({ id: p.id, snippet: snippets.get(p.id) ?? null }));
  },
};

/**
 * Scores (higher is better) of the matches with rowid >= lo. bm25 first counts, in the whole
 * index, the messages holding each word or phrase: for a word in half a million messages that
 * count alone takes longer than a page may. Such searches are scored by where the words occur
 * instead (subject 4, author 2, body 1: bm25's column weights), ties going to the newest.
 */
export async function sqliteScores(db: Kysely<DB>, words: string, lo: number, maxWork = BM25_WORK): Promise<Map<number, number>> {
  const q = fts5Query(words);
  if ((await bm25Work(db, fts5Parts(words))) <= maxWork) {
    const rows = (await sql<{ id: number; s: number }>`SELECT rowid AS id, bm25(archive_fts, 4.0, 2.0, 1.0) AS s FROM archive_fts
      WHERE archive_fts MATCH ${q} AND rowid >= ${asRowid(lo)}`.execute(db)).rows;
    return new Map(rows.map((r) => [Number(r.id), -Number(r.s)]));
  }
  const out = new Map<number, number>();
  for (const [column, weight] of [['subject', 4], ['author', 2]] as const) {
    const rows = (await sql<{ id: number }>`SELECT rowid AS id FROM archive_fts WHERE archive_fts MATCH ${`${column} : (${q})`} AND rowid >= ${asRowid(lo)}`.execute(db)).rows;
    for (const r of rows) out.set(Number(r.id), (out.get(Number(r.id)) ?? 0) + weight);
  }
  return out;
}

/**
 * A rowid bound as FTS5 can use it. A JavaScript number reaches SQLite as a REAL, and FTS5 then
 * drops the rowid constraint and reads every match (SQLite 3.53): the cast keeps it an index seek.
 */
const asRowid = (n: number) => sql`CAST(${n} AS INTEGER)`;

/** Above this many documents to count (estimated), bm25 is not used. */
const BM25_WORK = 150_000;
const PROBE = 200;

/**
 * What bm25's counting would read: for each word its number of documents, estimated from how far
 * back in the index its newest PROBE matches reach; a phrase is checked in every document holding
 * its rarest word, at several times the cost.
 */
async function bm25Work(db: Kysely<DB>, parts: readonly string[]): Promise<number> {
  const top = Number((await sql<{ hi: number | null }>`SELECT max(rowid) AS hi FROM archive_fts`.execute(db)).rows[0]?.hi ?? 0);
  const docs = async (word: string): Promise<number> => {
    const rows = (await sql<{ id: number }>`SELECT rowid AS id FROM archive_fts WHERE archive_fts MATCH ${`"${word}"`} ORDER BY rowid DESC LIMIT ${PROBE}`.execute(db)).rows;
    if (rows.length < PROBE) return rows.length;
    return (PROBE * top) / (top - Number(rows[rows.length - 1]!.id) + 1);
  };
  let work = 0;
  for (const part of parts) {
    const inner = part.slice(1, -1).split(/\s+/).filter((x) => x);
    work += inner.length > 1 ? 4 * Math.min(...(await Promise.all(inner.map(docs)))) : await docs(inner[0] ?? '');
  }
  return work;
}

const postgresSearch: ArchiveSearchDialect = {
  async create(db) {
    await sql`CREATE TABLE archive_search (archive_id bigint PRIMARY KEY REFERENCES archive_messages(id) ON DELETE CASCADE, body text NOT NULL, tsv tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX archive_search_tsv ON archive_search USING GIN (tsv)`.execute(db);
  },
  // The rows go as four array parameters: a statement of hundreds of VALUES rows, each with its
  // own to_tsvector calls, took the server longer to plan than to run (7.8 ms a statement of 200).
  async put(db, rows) {
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      await sql`INSERT INTO archive_search (archive_id, body, tsv)
        SELECT t.id, t.body, setweight(to_tsvector('simple', t.subject), 'A') || setweight(to_tsvector('simple', t.author), 'B') || to_tsvector('simple', t.body)
        FROM unnest(${part.map((r) => r.id)}::bigint[], ${part.map((r) => r.body)}::text[], ${part.map((r) => r.subject)}::text[], ${part.map((r) => r.author)}::text[]) AS t(id, body, subject, author)
        ON CONFLICT (archive_id) DO UPDATE SET body = excluded.body, tsv = excluded.tsv`.execute(db);
    }
  },
  async remove(db, ids) {
    for (let i = 0; i < ids.length; i += 500) await sql`DELETE FROM archive_search WHERE archive_id IN (${sql.join(ids.slice(i, i + 500))})`.execute(db);
  },
  // The window holds ids only; its ranks are computed on it and headlines for the page alone.
  // (ts_rank reads only the row it ranks: no count over the whole index as bm25 needs.)
  async search(db, words, where, order, limit, offset, window) {
    const orderBy = order === 'rank' ? sql`r DESC, d DESC` : sql`d DESC, id DESC`;
    const rank = order === 'rank' ? sql`ts_rank(s.tsv, q)` : sql`0`;
    return (await sql<{ id: number; snippet: string | null }>`
      WITH w AS (SELECT s.archive_id AS id, a.date AS d
          FROM archive_search s JOIN archive_messages a ON a.id = s.archive_id, websearch_to_tsquery('simple', ${words}) q
          WHERE s.tsv @@ q AND ${where} ORDER BY s.archive_id DESC LIMIT ${window}),
        page AS (SELECT w.id, w.d, ${rank} AS r FROM w JOIN archive_search s ON s.archive_id = w.id, websearch_to_tsquery('simple', ${words}) q
          ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})
      SELECT page.id AS id, ts_headline('simple', left(s.body, ${HEADLINE_CHARS}), q, ${`StartSel=${HIT_START},StopSel=${HIT_END},MaxWords=24,MinWords=10,MaxFragments=1`}) AS snippet
      FROM page JOIN archive_search s ON s.archive_id = page.id, websearch_to_tsquery('simple', ${words}) q ORDER BY ${orderBy}`.execute(db)).rows;
  },
};

/** ts_headline reparses the text it is given: a 700 KB patch took 13 ms a row, so it gets the start. */
const HEADLINE_CHARS = 20_000;

export function archiveSearchFor(dialect: 'sqlite' | 'postgres'): ArchiveSearchDialect {
  return dialect === 'sqlite' ? sqliteSearch : postgresSearch;
}
