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
  /** Adds rows for new ids; `insertRows` (DialectSpec) is the connection's fast path when it has one. */
  put(db: Kysely<DB>, rows: readonly SearchRow[], insertRows?: DialectSpec['insertRows']): Promise<void>;
  remove(db: Kysely<DB>, ids: readonly number[]): Promise<void>;
  /**
   * Ids and a snippet of the messages matching `words` (quoted phrases kept), best or newest first.
   * Only the `window` most recently archived matches are ordered: a word in half a million
   * messages costs the same as a rare one, and a search matching fewer is ordered exactly.
   */
  matches(words: string, where: RawBuilder<unknown>, order: 'rank' | 'newest', limit: number, offset: number, window: number): RawBuilder<{ id: number; snippet: string | null }>;
}

/** FTS5 query syntax from free words: each word or "phrase" quoted, so nothing is an operator. */
export function fts5Query(words: string): string {
  const out: string[] = [];
  for (const m of words.matchAll(/"([^"]*)"|(\S+)/g)) {
    const t = (m[1] ?? m[2] ?? '').replace(/"/g, '').trim();
    if (t) out.push(`"${t}"`);
  }
  return out.join(' ');
}

const sqliteSearch: ArchiveSearchDialect = {
  async create(db) {
    await sql`CREATE VIRTUAL TABLE archive_fts USING fts5(subject, author, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  },
  // Callers put new ids only (a rewrite removes first), so a plain INSERT: no lookup of an old row.
  async put(db, rows, insertRows) {
    if (insertRows) {
      insertRows('archive_fts', ['rowid', 'subject', 'author', 'body'], rows.map((r) => [r.id, r.subject, r.author, r.body]));
      return;
    }
    for (let i = 0; i < rows.length; i += 200) {
      const values = rows.slice(i, i + 200).map((r) => sql`(${r.id}, ${r.subject}, ${r.author}, ${r.body})`);
      await sql`INSERT INTO archive_fts (rowid, subject, author, body) VALUES ${sql.join(values)}`.execute(db);
    }
  },
  async remove(db, ids) {
    for (let i = 0; i < ids.length; i += 500) await sql`DELETE FROM archive_fts WHERE rowid IN (${sql.join(ids.slice(i, i + 500))})`.execute(db);
  },
  // The window is read newest first (FTS5 walks its doclists by rowid in either direction and
  // stops at the LIMIT); bm25 is computed for the window only, snippets for the page only.
  matches(words, where, order, limit, offset, window) {
    const q = fts5Query(words);
    const score = order === 'rank' ? sql`bm25(archive_fts, 4.0, 2.0, 1.0)` : sql`0`;
    const orderBy = order === 'rank' ? sql`s, d DESC` : sql`d DESC, id DESC`;
    return sql<{ id: number; snippet: string | null }>`
      WITH w AS (SELECT archive_fts.rowid AS id, ${score} AS s, a.date AS d
          FROM archive_fts JOIN archive_messages a ON a.id = archive_fts.rowid
          WHERE archive_fts MATCH ${q} AND ${where} ORDER BY archive_fts.rowid DESC LIMIT ${window}),
        page AS (SELECT id, s, d FROM w ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})
      SELECT page.id AS id, snippet(archive_fts, 2, ${HIT_START}, ${HIT_END}, '…', 16) AS snippet
      FROM page JOIN archive_fts ON archive_fts.rowid = page.id
      WHERE archive_fts MATCH ${q} ORDER BY ${orderBy}`;
  },
};

const postgresSearch: ArchiveSearchDialect = {
  async create(db) {
    await sql`CREATE TABLE archive_search (archive_id bigint PRIMARY KEY REFERENCES archive_messages(id) ON DELETE CASCADE, body text NOT NULL, tsv tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX archive_search_tsv ON archive_search USING GIN (tsv)`.execute(db);
  },
  async put(db, rows) {
    for (let i = 0; i < rows.length; i += 200) {
      const values = rows.slice(i, i + 200).map((r) => sql`(${r.id}::bigint, ${r.body}::text,
        setweight(to_tsvector('simple', ${r.subject}::text), 'A') || setweight(to_tsvector('simple', ${r.author}::text), 'B') || to_tsvector('simple', ${r.body}::text))`);
      await sql`INSERT INTO archive_search (archive_id, body, tsv) VALUES ${sql.join(values)}
        ON CONFLICT (archive_id) DO UPDATE SET body = excluded.body, tsv = excluded.tsv`.execute(db);
    }
  },
  async remove(db, ids) {
    for (let i = 0; i < ids.length; i += 500) await sql`DELETE FROM archive_search WHERE archive_id IN (${sql.join(ids.slice(i, i + 500))})`.execute(db);
  },
  // The window holds ids only; its ranks are computed on it and headlines for the page alone.
  matches(words, where, order, limit, offset, window) {
    const orderBy = order === 'rank' ? sql`r DESC, d DESC` : sql`d DESC, id DESC`;
    const rank = order === 'rank' ? sql`ts_rank(s.tsv, q)` : sql`0`;
    return sql<{ id: number; snippet: string | null }>`
      WITH w AS (SELECT s.archive_id AS id, a.date AS d
          FROM archive_search s JOIN archive_messages a ON a.id = s.archive_id, websearch_to_tsquery('simple', ${words}) q
          WHERE s.tsv @@ q AND ${where} ORDER BY s.archive_id DESC LIMIT ${window}),
        page AS (SELECT w.id, w.d, ${rank} AS r FROM w JOIN archive_search s ON s.archive_id = w.id, websearch_to_tsquery('simple', ${words}) q
          ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})
      SELECT page.id AS id, ts_headline('simple', s.body, q, ${`StartSel=${HIT_START},StopSel=${HIT_END},MaxWords=24,MinWords=10,MaxFragments=1`}) AS snippet
      FROM page JOIN archive_search s ON s.archive_id = page.id, websearch_to_tsquery('simple', ${words}) q ORDER BY ${orderBy}`;
  },
};

export function archiveSearchFor(dialect: 'sqlite' | 'postgres'): ArchiveSearchDialect {
  return dialect === 'sqlite' ? sqliteSearch : postgresSearch;
}
