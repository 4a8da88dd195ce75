// Two indexes of archive_messages that no query uses: subject and author look-ups compare
// lower(base_subject) and lower(author_address), which these plain-column indexes cannot serve,
// and both dialects answer them through the (list_id, date) index within a date range. Each cost
// an index entry (about 50 bytes) and a B-tree insert for every archived message.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';

export async function up(db: Kysely<DB>): Promise<void> {
  await sql`DROP INDEX IF EXISTS archive_messages_subject`.execute(db);
  await sql`DROP INDEX IF EXISTS archive_messages_author`.execute(db);
}
