// The web's own records: accounts of site admins, owners and moderators (argon2id password
// hashes), browser sessions, one-time emailed links (sign-in, set password, address change) and
// API tokens. Secrets are stored only as SHA-256 digests. docs/storage.md describes each column.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const id = sql.raw(d.idType === 'integer' ? 'integer primary key autoincrement' : 'bigserial primary key');
  const big = sql.raw(d.bigintType);
  const stmts = [
    sql`CREATE TABLE web_accounts (
      id ${id}, address text NOT NULL, address_key text NOT NULL UNIQUE, password_hash text,
      site_admin integer NOT NULL DEFAULT 0, created_at ${big} NOT NULL, password_set_at ${big})`,
    sql`CREATE TABLE web_sessions (
      id_hash text PRIMARY KEY, address text NOT NULL, address_key text NOT NULL, method text NOT NULL,
      created_at ${big} NOT NULL, expires_at ${big} NOT NULL)`,
    sql`CREATE INDEX web_sessions_address ON web_sessions (address_key)`,
    sql`CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)`,
    sql`CREATE TABLE web_links (
      token_hash text PRIMARY KEY, address text NOT NULL, purpose text NOT NULL, data text NOT NULL,
      created_at ${big} NOT NULL, expires_at ${big} NOT NULL)`,
    sql`CREATE INDEX web_links_expiry ON web_links (expires_at)`,
    sql`CREATE TABLE api_tokens (
      id ${id}, name text NOT NULL, token_hash text NOT NULL UNIQUE,
      list_id ${big} REFERENCES lists(id) ON DELETE CASCADE, created_at ${big} NOT NULL, last_used_at ${big})`,
  ];
  for (const s of stmts) await s.execute(db);
}
