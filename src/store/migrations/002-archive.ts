// The archive: one overview row per archived message (its raw bytes live in `messages`, stored
// once), per-list archive numbers, thread ghosts, and the full-text index (FTS5 on SQLite, a
// tsvector with a GIN index on PostgreSQL). Everything but the raw bytes and numbers is derived.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';
import { archiveSearchFor } from '../dialects/archive-search.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const id = sql.raw(d.idType === 'integer' ? 'integer primary key autoincrement' : 'bigserial primary key');
  const big = sql.raw(d.bigintType);
  const stmts = [
    sql`CREATE TABLE archive_lists (
      list_id ${big} PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE, next_number ${big} NOT NULL)`,
    sql`CREATE TABLE archive_messages (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE, number ${big} NOT NULL,
      raw_id ${big} NOT NULL REFERENCES messages(id) ON DELETE CASCADE, sha256 text NOT NULL, from_line text,
      hidden integer NOT NULL, bad_reason text, message_id text NOT NULL, synthetic_id integer NOT NULL,
      duplicate integer NOT NULL, subject text NOT NULL, base_subject text NOT NULL, author_name text NOT NULL,
      author_address text NOT NULL, date ${big} NOT NULL, date_source text NOT NULL, date_suspect integer NOT NULL,
      month text NOT NULL, in_reply_to text, refs text NOT NULL, is_reply integer NOT NULL,
      thread_id text, parent_id text, link text NOT NULL, inferred integer NOT NULL, size ${big} NOT NULL,
      attachment_count integer NOT NULL, attachment_names text NOT NULL, thread_data text,
      UNIQUE (list_id, number), UNIQUE (list_id, sha256))`,
    sql`CREATE INDEX archive_messages_mid ON archive_messages (list_id, message_id)`,
    sql`CREATE INDEX archive_messages_month ON archive_messages (list_id, month, date)`,
    sql`CREATE INDEX archive_messages_date ON archive_messages (list_id, date)`,
    sql`CREATE INDEX archive_messages_thread ON archive_messages (list_id, thread_id, date)`,
    sql`CREATE INDEX archive_messages_subject ON archive_messages (list_id, base_subject, date)`,
    sql`CREATE INDEX archive_messages_author ON archive_messages (list_id, author_address, date)`,
    sql`CREATE TABLE archive_ghosts (
      list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE, message_id text NOT NULL,
      thread_id text NOT NULL, parent_id text, link text NOT NULL, PRIMARY KEY (list_id, message_id))`,
    sql`CREATE INDEX archive_ghosts_thread ON archive_ghosts (list_id, thread_id)`,
  ];
  for (const s of stmts) await s.execute(db);
  await archiveSearchFor(d.name).create(db);
}
