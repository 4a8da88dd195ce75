// Authentication of incoming mail: the SMTP client a message came from (SPF is judged for it) and
// the DKIM/SPF/DMARC/ARC results found, one row per checked message, beside the messages table
// so that message code never carries them. docs/storage.md describes the columns.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  await sql`CREATE TABLE message_auth (
    message_id ${sql.raw(d.bigintType)} PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    client_protocol text, client_ip text, client_helo text, auth_results text)`.execute(db);
}
