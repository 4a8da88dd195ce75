// The stores every shared test runs against: SQLite in memory always, PostgreSQL when
// DATABASE_URL is set (each test store gets its own schema, dropped on close).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import type { KyselyStore } from '../../src/store/kysely/index.ts';

export interface TestStore {
  store: KyselyStore;
  close(): Promise<void>;
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestStore>;
}

/** A fresh schema in the PostgreSQL database at `url`: a URL that uses it, and a way to drop it. */
export async function pgTestSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

async function openPgSchema(url: string): Promise<TestStore> {
  const schema = await pgTestSchema(url);
  const store = await openStore({ databaseUrl: schema.url, dataDir: '', poolSize: 4 });
  return {
    store,
    async close() {
      await store.close();
      await schema.drop();
    },
  };
}

export const storeFactories: StoreFactory[] = [
  {
    name: 'sqlite',
    async open() {
      const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
      return { store, close: () => store.close() };
    },
  },
  ...(process.env.DATABASE_URL
    ? [{ name: 'postgres' as const, open: () => openPgSchema(process.env.DATABASE_URL as string) }]
    : []),
];
