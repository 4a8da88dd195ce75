// Pipermail's whole-month pages (thread.html, date.html, subject.html, author.html) kept rendered,
// as Pipermail kept its static files: the rows' HTML, compressed, with the month's generation
// (migration 7) it was rendered at. A page is served from here while that generation is the
// month's; the worker renders months whose pages are missing or older (src/web/archive/month-pages.ts).
// Derived like the rest of the archive's tables: emptying it loses nothing but time.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const big = sql.raw(d.bigintType);
  await sql`CREATE TABLE archive_month_pages (
    list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE, month text NOT NULL, variant text NOT NULL,
    generation ${big} NOT NULL, row_count ${big} NOT NULL, first_date ${big}, last_date ${big}, html ${sql.raw(d.blobType)} NOT NULL,
    PRIMARY KEY (list_id, month, variant))`.execute(db);
}
