// A generation per list and month (archive_month_counts.generation) that grows, in the writing
// transaction, with every change to what that month's indexes show: a readable row coming or
// going (the triggers of migration 6, which now raise it too) and a change to a readable row's
// number, Message-ID, parent, subject, author or date. Threading's other columns (thread_id,
// link) and hidden rows leave it alone. A web process keeps month indexes it rendered and serves
// them again while the month's generation read before rendering is unchanged, so every process
// sharing the database sees a change at once, and a new post leaves other months' pages kept.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

/** The columns a month index shows or orders by (src/web/archive: rows, thread order, sorts). */
const SHOWN = ['number', 'message_id', 'duplicate', 'parent_id', 'subject', 'base_subject', 'author_name', 'author_address', 'date'] as const;

const changed = (prefixOld: string, prefixNew: string, distinct: string): string =>
  SHOWN.map((c) => `${prefixOld}.${c} ${distinct} ${prefixNew}.${c}`).join(' OR ');

const sqlite = [
  sql`DROP TRIGGER archive_month_counts_insert`,
  sql`DROP TRIGGER archive_month_counts_delete`,
  sql`DROP TRIGGER archive_month_counts_update`,
  sql`CREATE TRIGGER archive_month_counts_insert AFTER INSERT ON archive_messages
    WHEN new.hidden = 0 AND new.bad_reason IS NULL
    BEGIN
      INSERT INTO archive_month_counts (list_id, month, n) VALUES (new.list_id, new.month, 1)
        ON CONFLICT (list_id, month) DO UPDATE SET n = n + 1, generation = generation + 1;
    END`,
  sql`CREATE TRIGGER archive_month_counts_delete AFTER DELETE ON archive_messages
    WHEN old.hidden = 0 AND old.bad_reason IS NULL
    BEGIN
      UPDATE archive_month_counts SET n = n - 1, generation = generation + 1 WHERE list_id = old.list_id AND month = old.month;
    END`,
  sql`CREATE TRIGGER archive_month_counts_update AFTER UPDATE OF hidden, bad_reason, month, list_id ON archive_messages
    WHEN old.hidden IS NOT new.hidden OR old.bad_reason IS NOT new.bad_reason OR old.month IS NOT new.month OR old.list_id IS NOT new.list_id
    BEGIN
      UPDATE archive_month_counts SET n = n - 1, generation = generation + 1
        WHERE old.hidden = 0 AND old.bad_reason IS NULL AND list_id = old.list_id AND month = old.month;
      INSERT INTO archive_month_counts (list_id, month, n) SELECT new.list_id, new.month, 1
        WHERE new.hidden = 0 AND new.bad_reason IS NULL
        ON CONFLICT (list_id, month) DO UPDATE SET n = n + 1, generation = generation + 1;
    END`,
  // A readable row that stays in its month but shows differently.
  sql.raw(`CREATE TRIGGER archive_month_rows_update AFTER UPDATE OF ${SHOWN.join(', ')} ON archive_messages
    WHEN old.hidden = 0 AND old.bad_reason IS NULL AND new.hidden = 0 AND new.bad_reason IS NULL
      AND old.month = new.month AND old.list_id = new.list_id AND (${changed('old', 'new', 'IS NOT')})
    BEGIN
      UPDATE archive_month_counts SET generation = generation + 1 WHERE list_id = new.list_id AND month = new.month;
    END`),
];

const postgres = [
  sql`CREATE OR REPLACE FUNCTION archive_month_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        IF OLD.hidden = 0 AND OLD.bad_reason IS NULL THEN
          UPDATE archive_month_counts SET n = n - 1, generation = generation + 1 WHERE list_id = OLD.list_id AND month = OLD.month;
        END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        IF NEW.hidden = 0 AND NEW.bad_reason IS NULL THEN
          INSERT INTO archive_month_counts (list_id, month, n) VALUES (NEW.list_id, NEW.month, 1)
            ON CONFLICT (list_id, month) DO UPDATE SET n = archive_month_counts.n + 1, generation = archive_month_counts.generation + 1;
        END IF;
      END IF;
      RETURN NULL;
    END $$`,
  sql`CREATE FUNCTION archive_month_rows_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE archive_month_counts SET generation = generation + 1 WHERE list_id = NEW.list_id AND month = NEW.month;
      RETURN NULL;
    END $$`,
  sql.raw(`CREATE TRIGGER archive_month_rows_update AFTER UPDATE OF ${SHOWN.join(', ')} ON archive_messages
    FOR EACH ROW WHEN (OLD.hidden = 0 AND OLD.bad_reason IS NULL AND NEW.hidden = 0 AND NEW.bad_reason IS NULL
      AND OLD.month = NEW.month AND OLD.list_id = NEW.list_id AND (${changed('OLD', 'NEW', 'IS DISTINCT FROM')}))
    EXECUTE FUNCTION archive_month_rows_sync()`),
];

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  await sql`ALTER TABLE archive_month_counts ADD COLUMN generation ${sql.raw(d.bigintType)} NOT NULL DEFAULT 0`.execute(db);
  for (const t of d.name === 'sqlite' ? sqlite : postgres) await t.execute(db);
}
