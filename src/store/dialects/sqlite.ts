// SQLite through better-sqlite3: one process writes; WAL lets readers go on while it does.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from './types.ts';

export function openSqlite(path: string): Kysely<DB> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
}

export const sqliteSpec: DialectSpec = {
  name: 'sqlite',
  idType: 'integer',
  blobType: 'blob',
  bigintType: 'integer',
  async claimJobIds(db, queues, limit, now, leaseUntil) {
    // One writer at a time in SQLite, so a single UPDATE … RETURNING is atomic. A running job whose
    // lease ran out (its worker died) is claimed again.
    const rows = await sql<{ id: number }>`
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = ${leaseUntil}, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM jobs
        WHERE queue IN (${sql.join(queues)}) AND run_at <= ${now}
          AND (state = 'pending' OR (state = 'running' AND locked_until < ${now}))
        ORDER BY run_at, id LIMIT ${limit})
      RETURNING id`.execute(db);
    return rows.rows.map((r) => r.id);
  },
  async lockForMigrations() {
    // better-sqlite3 transactions are already exclusive for writers.
  },
};
