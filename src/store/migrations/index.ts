// Forward-only migrations, applied in order inside one transaction each and recorded in
// schema_migrations. Several processes may start at once on PostgreSQL: an advisory lock
// serializes them.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from '../dialects/types.ts';
import { up as initial } from './001-initial.ts';
import { up as archive } from './002-archive.ts';
import { up as bouncesDigests } from './003-bounces-digests.ts';
import { up as web } from './004-web.ts';
import { up as auth } from './005-auth.ts';
import { up as archiveRead } from './006-archive-read.ts';
import { up as archiveGeneration } from './007-archive-generation.ts';
import { up as archiveIndexes } from './008-archive-indexes.ts';
import { up as archiveMonthPages } from './009-archive-month-pages.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<DB>, d: DialectSpec): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'archive', up: archive },
  { version: 3, name: 'bounces-digests', up: bouncesDigests },
  { version: 4, name: 'web', up: web },
  { version: 5, name: 'auth', up: auth },
  { version: 6, name: 'archive-read', up: archiveRead },
  { version: 7, name: 'archive-generation', up: archiveGeneration },
  { version: 8, name: 'archive-indexes', up: archiveIndexes },
  { version: 9, name: 'archive-month-pages', up: archiveMonthPages },
];

export async function migrate(db: Kysely<DB>, d: DialectSpec, now: () => number): Promise<number[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at ${sql.raw(d.bigintType)} NOT NULL)`.execute(db);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction().execute(async (trx) => {
      await d.lockForMigrations(trx);
      const row = await trx.selectFrom('schema_migrations').select('version').where('version', '=', m.version).executeTakeFirst();
      if (row) return false;
      await m.up(trx, d);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: now() }).execute();
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
