// PostgreSQL through pg: many processes share one database; jobs are claimed with
// FOR UPDATE SKIP LOCKED so workers never block on each other or take the same job.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from '../kysely/schema.ts';
import type { DialectSpec, SqlValue } from './types.ts';
import { claimJobRows } from './claim-jobs.ts';

// int8 (ids, millisecond times, counts) as numbers: every value we store is below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A PostgreSQL pool as Kysely and the dialect spec bound to it. */
export function openPostgres(url: string, max = 10): { db: Kysely<DB>; spec: DialectSpec } {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // Rows as arrays: the driver builds no object per row (a Pipermail month of 3,579 rows read in
  // 5–7 ms of which the server's share was 2.8).
  const selectArrays = async (text: string, values: readonly unknown[]): Promise<unknown[][]> =>
    (await pool.query<unknown[]>({ text, values: [...values], rowMode: 'array' })).rows;
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), spec: { ...postgresSpec, selectArrays } };
}

/** Column types of a table in the current schema, asked once per table (every schema has the same). */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function typesOf(db: Kysely<DB>, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = sql<{ column_name: string; udt_name: string }>`SELECT column_name, udt_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db).then((r) => new Map(r.rows.map((c) => [c.column_name, c.udt_name])));
    columnTypes.set(table, types);
    types.catch(() => columnTypes.delete(table));
  }
  return types;
}

/** DialectSpec.insertRows: one array parameter a column, unnested in the order given. */
async function insertUnnested(db: Kysely<DB>, table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>): Promise<number[]> {
  const types = await typesOf(db, table);
  const arrays = columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`no column ${table}.${c}`);
    return sql`${rows.map((r) => r[i] ?? null)}::${sql.raw(type)}[]`;
  });
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const made = await sql<{ id: number }>`INSERT INTO ${sql.table(table)} (${names})
    SELECT ${names} FROM unnest(${sql.join(arrays)}) WITH ORDINALITY AS u (${names}, row_order) ORDER BY row_order RETURNING id`.execute(db);
  // Ids are drawn in the order rows are inserted; RETURNING need not list them in that order.
  return made.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export const postgresSpec: DialectSpec = {
  name: 'postgres',
  idType: 'bigserial',
  blobType: 'bytea',
  bigintType: 'bigint',
  claimJobs: (db, queues, limit, now, leaseUntil) => claimJobRows(db, queues, limit, now, leaseUntil, true),
  insertRows: insertUnnested,
  async lockForMigrations(db) {
    await sql`SELECT pg_advisory_xact_lock(715517)`.execute(db);
  },
};
