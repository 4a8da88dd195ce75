// What differs between SQLite and PostgreSQL, and nothing else: column types, job claiming,
// and (for the archive) full-text search.
import type { Kysely, Selectable } from 'kysely';
import type { DB, JobsTable } from '../kysely/schema.ts';

export interface DialectSpec {
  name: 'sqlite' | 'postgres';
  /** Column type of an auto-increment primary key. */
  idType: 'integer' | 'bigserial';
  /** Column type for raw bytes. */
  blobType: 'blob' | 'bytea';
  /** Column type for integer milliseconds and counters that may pass 2^31. */
  bigintType: 'integer' | 'bigint';
  /** Claims up to `limit` runnable jobs atomically and returns their rows. */
  claimJobs(db: Kysely<DB>, queues: readonly string[], limit: number, now: number, leaseUntil: number): Promise<Array<Selectable<JobsTable>>>;
  /** Serializes migrations between processes sharing one database. */
  lockForMigrations(db: Kysely<DB>): Promise<void>;
  /**
   * Bulk inserts for the archive import's hot path, returning each row's id in input order, in the
   * transaction `db` is in. SQLite: one prepared single-row INSERT run per row straight on the one
   * connection (its statements run synchronously, so they join the open transaction). PostgreSQL:
   * one array parameter a column, unnested in order (a statement of hundreds of VALUES rows took
   * the server as long to parse and plan as to run).
   */
  insertRows(db: Kysely<DB>, table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>): number[] | Promise<number[]>;
  /**
   * Runs a compiled SELECT straight on the connection and returns its rows as arrays, in the order
   * of the selected columns: for reads of thousands of rows (a Pipermail month, a big thread's
   * outline) where building an object per row costs as much as the query. On SQLite on the one
   * connection; on PostgreSQL on the pool, so a store inside a transaction has none.
   */
  selectArrays?: (sql: string, params: readonly unknown[]) => unknown[][] | Promise<unknown[][]>;
}

export type SqlValue = string | number | bigint | Buffer | null;
