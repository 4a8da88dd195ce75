// PostgreSQL through pg: many processes share one database; jobs are claimed with
// FOR UPDATE SKIP LOCKED so workers never block on each other or take the same job.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec } from './types.ts';

// int8 (ids, millisecond times, counts) as numbers: every value we store is below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPostgres(url: string, max = 10): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export const postgresSpec: DialectSpec = {
  name: 'postgres',
  idType: 'bigserial',
  blobType: 'bytea',
  bigintType: 'bigint',
  async claimJobIds(db, queues, limit, now, leaseUntil) {
    const rows = await sql<{ id: number }>`
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = ${leaseUntil}, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM jobs
        WHERE queue IN (${sql.join(queues)}) AND run_at <= ${now}
          AND (state = 'pending' OR (state = 'running' AND locked_until < ${now}))
        ORDER BY run_at, id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`.execute(db);
    return rows.rows.map((r) => r.id);
  },
  async lockForMigrations(db) {
    await sql`SELECT pg_advisory_xact_lock(715517)`.execute(db);
  },
};
