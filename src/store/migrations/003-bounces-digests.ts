// Bounce processing and digests: each member's bounce score and disable/warning state, the log of
// bounces received, a mark on delivery failures once scored, and the per-list digest collection
// with its volume/issue counters and the issues rendered for delivery.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const id = sql.raw(d.idType === 'integer' ? 'integer primary key autoincrement' : 'bigserial primary key');
  const big = sql.raw(d.bigintType);
  const blob = sql.raw(d.blobType);
  const real = sql.raw(d.name === 'sqlite' ? 'real' : 'double precision');
  const stmts = [
    sql`CREATE TABLE bounce_info (
      member_id ${big} PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
      list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      score ${real} NOT NULL DEFAULT 0, last_bounce_at ${big},
      disabled_at ${big}, warnings_sent integer NOT NULL DEFAULT 0, last_warning_at ${big},
      probe_token text UNIQUE, probe_sent_at ${big})`,
    sql`CREATE INDEX bounce_info_list ON bounce_info (list_id)`,
    sql`CREATE TABLE bounce_events (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      member_id ${big} REFERENCES members(id) ON DELETE SET NULL,
      address text NOT NULL, at ${big} NOT NULL, source text NOT NULL, kind text NOT NULL,
      reason text, permanent integer, weight ${real} NOT NULL, outcome text NOT NULL,
      message_id ${big}, detail text NOT NULL DEFAULT '')`,
    sql`CREATE INDEX bounce_events_list ON bounce_events (list_id, at)`,
    // Failures recorded before this migration are history, not news: they are not scored.
    sql`ALTER TABLE delivery_failures ADD COLUMN bounce_scored integer NOT NULL DEFAULT 0`,
    sql`UPDATE delivery_failures SET bounce_scored = 1`,
    sql`CREATE INDEX delivery_failures_unscored ON delivery_failures (bounce_scored, id)`,
    sql`CREATE TABLE digest_state (
      list_id ${big} PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE,
      volume integer NOT NULL DEFAULT 1, next_issue integer NOT NULL DEFAULT 1, last_sent_at ${big})`,
    sql`CREATE TABLE digest_entries (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      post_id ${big} NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      size ${big} NOT NULL, added_at ${big} NOT NULL)`,
    sql`CREATE INDEX digest_entries_list ON digest_entries (list_id, id)`,
    sql`CREATE TABLE digest_issues (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      volume integer NOT NULL, issue integer NOT NULL, created_at ${big} NOT NULL,
      entry_count integer NOT NULL, mime ${blob} NOT NULL, mime_codec text NOT NULL,
      plain ${blob} NOT NULL, plain_codec text NOT NULL)`,
    sql`CREATE INDEX digest_issues_list ON digest_issues (list_id, created_at)`,
  ];
  for (const s of stmts) await s.execute(db);
}
