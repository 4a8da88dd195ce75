// What archive pages read without counting a whole list: the number of readable messages per list
// and month (archive_month_counts), kept exact by triggers on archive_messages and filled here
// from the rows already archived. A list's months page and /archives/ read a few hundred rows
// instead of counting a million; like every derived archive table it can be rebuilt from the rows.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';

// A row counts when it is readable: published (hidden = 0) and parsed (no bad_reason).
const sqliteTriggers = [
  sql`CREATE TRIGGER archive_month_counts_insert AFTER INSERT ON archive_messages
    WHEN new.hidden = 0 AND new.bad_reason IS NULL
    BEGIN
      INSERT INTO archive_month_counts (list_id, month, n) VALUES (new.list_id, new.month, 1)
        ON CONFLICT (list_id, month) DO UPDATE SET n = n + 1;
    END`,
  sql`CREATE TRIGGER archive_month_counts_delete AFTER DELETE ON archive_messages
    WHEN old.hidden = 0 AND old.bad_reason IS NULL
    BEGIN
      UPDATE archive_month_counts SET n = n - 1 WHERE list_id = old.list_id AND month = old.month;
    END`,
  // Only the columns that decide where a row counts: threading's updates never fire it.
  sql`CREATE TRIGGER archive_month_counts_update AFTER UPDATE OF hidden, bad_reason, month, list_id ON archive_messages
    WHEN old.hidden IS NOT new.hidden OR old.bad_reason IS NOT new.bad_reason OR old.month IS NOT new.month OR old.list_id IS NOT new.list_id
    BEGIN
      UPDATE archive_month_counts SET n = n - 1
        WHERE old.hidden = 0 AND old.bad_reason IS NULL AND list_id = old.list_id AND month = old.month;
      INSERT INTO archive_month_counts (list_id, month, n) SELECT new.list_id, new.month, 1
        WHERE new.hidden = 0 AND new.bad_reason IS NULL
        ON CONFLICT (list_id, month) DO UPDATE SET n = n + 1;
    END`,
];

const postgresTriggers = [
  sql`CREATE FUNCTION archive_month_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        IF OLD.hidden = 0 AND OLD.bad_reason IS NULL THEN
          UPDATE archive_month_counts SET n = n - 1 WHERE list_id = OLD.list_id AND month = OLD.month;
        END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        IF NEW.hidden = 0 AND NEW.bad_reason IS NULL THEN
          INSERT INTO archive_month_counts (list_id, month, n) VALUES (NEW.list_id, NEW.month, 1)
            ON CONFLICT (list_id, month) DO UPDATE SET n = archive_month_counts.n + 1;
        END IF;
      END IF;
      RETURN NULL;
    END $$`,
  sql`CREATE TRIGGER archive_month_counts_insert AFTER INSERT ON archive_messages
    FOR EACH ROW WHEN (NEW.hidden = 0 AND NEW.bad_reason IS NULL) EXECUTE FUNCTION archive_month_counts_sync()`,
  sql`CREATE TRIGGER archive_month_counts_delete AFTER DELETE ON archive_messages
    FOR EACH ROW WHEN (OLD.hidden = 0 AND OLD.bad_reason IS NULL) EXECUTE FUNCTION archive_month_counts_sync()`,
  sql`CREATE TRIGGER archive_month_counts_update AFTER UPDATE OF hidden, bad_reason, month, list_id ON archive_messages
    FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden OR OLD.bad_reason IS DISTINCT FROM NEW.bad_reason
      OR OLD.month IS DISTINCT FROM NEW.month OR OLD.list_id IS DISTINCT FROM NEW.list_id)
    EXECUTE FUNCTION archive_month_counts_sync()`,
];

export async function up(db: Kysely<DB>, d: DialectSpec): Promise<void> {
  const big = sql.raw(d.bigintType);
  await sql`CREATE TABLE archive_month_counts (
    list_id ${big} NOT NULL REFERENCES lists(id) ON DELETE CASCADE, month text NOT NULL, n ${big} NOT NULL,
    PRIMARY KEY (list_id, month))`.execute(db);
  await sql`INSERT INTO archive_month_counts (list_id, month, n)
    SELECT list_id, month, count(*) FROM archive_messages WHERE hidden = 0 AND bad_reason IS NULL GROUP BY list_id, month`.execute(db);
  for (const t of d.name === 'sqlite' ? sqliteTriggers : postgresTriggers) await t.execute(db);
}
