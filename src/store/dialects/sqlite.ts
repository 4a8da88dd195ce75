// SQLite through better-sqlite3: one process writes; WAL lets readers go on while it does.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from './types.ts';
import { claimJobIds } from './claim-jobs.ts';

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
  claimJobIds: (db, queues, limit, now, leaseUntil) => claimJobIds(db, queues, limit, now, leaseUntil, false),
  async lockForMigrations() {
    // better-sqlite3 transactions are already exclusive for writers.
  },
};
