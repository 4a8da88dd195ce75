// Opens the configured store: PostgreSQL when a postgres:// URL is given, otherwise SQLite in the
// data folder (or in memory for ':memory:'), and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KyselyStore } from './kysely/index.ts';
import { openSqliteStore } from './dialects/sqlite.ts';
import { openPostgres } from './dialects/postgres.ts';
import { migrate } from './migrations/index.ts';

export interface StoreOptions {
  databaseUrl: string;
  dataDir: string;
  poolSize?: number;
  /** SQLite page cache in KiB (default 16 MiB: month indexes read thousands of rows). */
  cacheKib?: number;
  /**
   * Bulk writing (imports): SQLite folds its write-ahead log into the database every 64 MiB
   * instead of every 4 MiB, fewer and larger checkpoints for a long run of big transactions.
   */
  bulk?: boolean;
}

/** Pages of write-ahead log between checkpoints when writing in bulk: 64 MiB of 4 KiB pages. */
const BULK_CHECKPOINT_PAGES = 16384;

export async function openStore(o: StoreOptions): Promise<KyselyStore> {
  let store: KyselyStore;
  if (/^postgres(ql)?:\/\//.test(o.databaseUrl)) {
    const { db, spec } = openPostgres(o.databaseUrl, o.poolSize);
    store = new KyselyStore(db, spec);
  } else {
    let path = o.databaseUrl.replace(/^sqlite:/, '');
    if (path === '') {
      mkdirSync(o.dataDir, { recursive: true });
      path = join(o.dataDir, 'caucus.sqlite');
    }
    const { db, spec } = openSqliteStore(path, o.cacheKib, o.bulk ? BULK_CHECKPOINT_PAGES : undefined);
    store = new KyselyStore(db, spec);
  }
  await migrate(store.db, store.spec, () => Date.now());
  return store;
}
