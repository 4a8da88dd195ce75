// The job claim both dialects share: one UPDATE … RETURNING over the runnable jobs. PostgreSQL
// adds FOR UPDATE SKIP LOCKED so concurrent workers skip rows another is claiming; SQLite has one
// writer at a time, so the statement is atomic as it stands. A running job whose lease ran out
// (its worker died) is claimable again.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, JobsTable } from '../kysely/schema.ts';

export async function claimJobRows(db: Kysely<DB>, queues: readonly string[], limit: number, now: number, leaseUntil: number, skipLocked: boolean): Promise<Array<Selectable<JobsTable>>> {
  // RETURNING * saves a SELECT of the claimed rows.
  const rows = await sql<Selectable<JobsTable>>`
    UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = ${leaseUntil}, updated_at = ${now}
    WHERE id IN (
      SELECT id FROM jobs
      WHERE queue IN (${sql.join(queues)}) AND run_at <= ${now}
        AND (state = 'pending' OR (state = 'running' AND locked_until < ${now}))
      ORDER BY run_at, id LIMIT ${limit}
      ${skipLocked ? sql`FOR UPDATE SKIP LOCKED` : sql``})
    RETURNING *`.execute(db);
  return rows.rows;
}
