// The first schema: lists, members, messages (raw bytes kept once), jobs, confirmations, rate
// limits and delivery failures. docs/storage.md describes every table and column.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const id = sql.raw(d.idType === 'integer' ? 'integer primary key autoincrement' : 'bigserial primary key');
  const big = sql.raw(d.bigintType);
  const blob = sql.raw(d.blobType);
  const stmts = [
    sql`CREATE TABLE site_kv (key text PRIMARY KEY, value text NOT NULL)`,
    sql`CREATE TABLE lists (
      id ${id}, name text NOT NULL, domain text NOT NULL, address text NOT NULL UNIQUE,
      settings text NOT NULL, post_seq ${big} NOT NULL DEFAULT 0, created_at ${big} NOT NULL)`,
    sql`CREATE INDEX lists_name ON lists (name)`,
    sql`CREATE TABLE members (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      address text NOT NULL, address_key text NOT NULL, display_name text NOT NULL DEFAULT '',
      role text NOT NULL, delivery_mode text NOT NULL, delivery_enabled integer NOT NULL,
      disabled_reason text, receive_own_posts integer NOT NULL, acknowledge_posts integer NOT NULL,
      hide_from_roster integer NOT NULL, moderation_action text, unsubscribe_token text NOT NULL UNIQUE,
      created_at ${big} NOT NULL, UNIQUE (list_id, role, address_key))`,
    sql`CREATE INDEX members_address ON members (address_key)`,
    sql`CREATE TABLE messages (
      id ${id}, list_id ${big} REFERENCES lists(id) ON DELETE CASCADE, kind text NOT NULL,
      role text, detail text, state text NOT NULL, envelope_from text, message_id text, subject text,
      from_address text, size ${big} NOT NULL, raw ${blob} NOT NULL, codec text NOT NULL,
      hits text NOT NULL DEFAULT '[]', state_reason text, hold_expires_at ${big},
      received_at ${big} NOT NULL, source_id ${big}, sequence ${big})`,
    sql`CREATE INDEX messages_list_state ON messages (list_id, state)`,
    sql`CREATE INDEX messages_hold ON messages (state, hold_expires_at)`,
    sql`CREATE TABLE jobs (
      id ${id}, queue text NOT NULL, payload text NOT NULL, state text NOT NULL,
      attempts integer NOT NULL DEFAULT 0, max_attempts integer NOT NULL, run_at ${big} NOT NULL,
      locked_until ${big}, last_error text, created_at ${big} NOT NULL, updated_at ${big} NOT NULL)`,
    sql`CREATE INDEX jobs_runnable ON jobs (state, queue, run_at)`,
    sql`CREATE TABLE pending (
      token text PRIMARY KEY, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      kind text NOT NULL, address text NOT NULL, data text NOT NULL,
      created_at ${big} NOT NULL, expires_at ${big} NOT NULL)`,
    sql`CREATE INDEX pending_list ON pending (list_id, kind)`,
    sql`CREATE TABLE rate_events (id ${id}, key text NOT NULL, at ${big} NOT NULL)`,
    sql`CREATE INDEX rate_events_key ON rate_events (key, at)`,
    sql`CREATE TABLE delivery_failures (
      id ${id}, list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE, post_id ${big} NOT NULL,
      recipient text NOT NULL, code integer, enhanced text, response text NOT NULL,
      permanent integer NOT NULL, at ${big} NOT NULL)`,
    sql`CREATE INDEX delivery_failures_list ON delivery_failures (list_id, at)`,
  ];
  for (const s of stmts) await s.execute(db);
}
