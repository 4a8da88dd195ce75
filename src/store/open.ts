// Opens the configured store: PostgreSQL when a postgres:// URL is given, otherwise SQLite in the
// data folder (or in memory for ':memory:'), and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KyselyStore } from './kysely/index.ts';
import { openSqliteStore } from './dialects/sqlite.ts';
import { openPostgres, postgresSpec } from './dialects/postgres.ts';
import { migrate } from './migrations/index.ts';

export interface StoreOptions {
  databaseUrl: string;
  dataDir: string;
  poolSize?: number;
  /** SQLite page cache in KiB (default 16 MiB: month indexes read thousands of rows). */
  cacheKib?: number;
}

export async function openStore(o: StoreOptions): Promise<KyselyStore> {
  let store: KyselyStore;
  if (/^postgres(ql)?:\/\//.test(o.databaseUrl)) {
    store = new KyselyStore(openPostgres(o.databaseUrl, o.poolSize), postgresSpec);
  } else {
    let path = o.databaseUrl.replace(/^sqlite:/, '');
    if (path === '') {
      mkdirSync(o.dataDir, { recursive: true });
      path = join(o.dataDir, 'caucus.sqlite');
    }
    const { db, spec } = openSqliteStore(path, o.cacheKib);
    store = new KyselyStore(db, spec);
  }
  await migrate(store.db, store.spec, () => Date.now());
  return store;
}
