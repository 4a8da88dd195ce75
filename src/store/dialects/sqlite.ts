// SQLite through better-sqlite3: one process writes; WAL lets readers go on while it does.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from './types.ts';
import { claimJobRows } from './claim-jobs.ts';

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large part of a short statement's
 * cost (docs/performance.md). Statements are kept by their SQL text; a statement still busy (an open
 * iterator) is not shared, and the cache is bounded.
 */
function cachePreparedStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const stmt = prepare(source);
    if (cache.size >= 1000) cache.clear();
    cache.set(source, stmt);
    return stmt;
  }) as typeof db.prepare;
}

/** Prepared single-row INSERTs by table and columns (DialectSpec.insertRows). */
function rowInserter(db: Database.Database): NonNullable<DialectSpec['insertRows']> {
  const statements = new Map<string, Database.Statement>();
  return (_db, table, columns, rows) => {
    const key = `${table}(${columns.join(',')})`;
    let stmt = statements.get(key);
    if (!stmt) {
      stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      statements.set(key, stmt);
    }
    const ids: number[] = [];
    for (const r of rows) ids.push(Number(stmt.run(r).lastInsertRowid));
    return ids;
  };
}

/** DialectSpec.selectArrays: the statement (shared through the cache) is put back to objects after. */
function arraySelector(db: Database.Database): NonNullable<DialectSpec['selectArrays']> {
  return (source, params) => {
    const stmt = db.prepare(source);
    stmt.raw(true);
    try {
      return stmt.all(...params) as unknown[][];
    } finally {
      stmt.raw(false);
    }
  };
}

/** A SQLite connection as Kysely and the dialect spec bound to it. */
export function openSqliteStore(path: string, cacheKib = 16384, checkpointPages?: number): { db: Kysely<DB>; spec: DialectSpec } {
  const raw = openRaw(path, cacheKib);
  if (checkpointPages !== undefined) raw.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(checkpointPages))}`);
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) }), spec: { ...sqliteSpec, insertRows: rowInserter(raw), selectArrays: arraySelector(raw) } };
}

function openRaw(path: string, cacheKib: number): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A month index reads a few thousand archive rows in one query: with SQLite's 2 MiB default page
  // cache that query took three times as long on a million-message archive. 16 MiB holds them.
  db.pragma(`cache_size = -${Math.max(512, Math.floor(cacheKib))}`);
  cachePreparedStatements(db);
  return db;
}

/** What SQLite's spec is before a connection binds its row inserter and array reader. */
export const sqliteSpec: Omit<DialectSpec, 'insertRows'> = {
  name: 'sqlite',
  idType: 'integer',
  blobType: 'blob',
  bigintType: 'integer',
  claimJobs: (db, queues, limit, now, leaseUntil) => claimJobRows(db, queues, limit, now, leaseUntil, false),
  async lockForMigrations() {
    // better-sqlite3 transactions are already exclusive for writers.
  },
};
