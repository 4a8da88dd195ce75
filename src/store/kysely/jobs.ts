// The durable job queue: enqueue in the caller's transaction, claim with a lease, complete, fail
// with a retry time or into the dead state an operator can see and retry.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { DialectSpec } from '../dialects/types.ts';
import { toJob } from './rows.ts';
import type { Job, JobCounts, JobState, NewJob, QueueName } from '../types.ts';

export const DEFAULT_MAX_ATTEMPTS = 10;

export async function enqueue(db: Kysely<DB>, jobs: NewJob[], now: Date): Promise<number[]> {
  if (jobs.length === 0) return [];
  const ms = now.getTime();
  const rows = await db
    .insertInto('jobs')
    .values(
      jobs.map((j) => ({
        queue: j.queue,
        payload: JSON.stringify(j.payload),
        state: 'pending',
        attempts: 0,
        max_attempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        run_at: (j.runAt ?? now).getTime(),
        locked_until: null,
        last_error: null,
        created_at: ms,
        updated_at: ms,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

export async function claimJobs(db: Kysely<DB>, d: DialectSpec, queues: readonly QueueName[], limit: number, now: Date, leaseMs: number): Promise<Job[]> {
  const rows = await d.claimJobs(db, queues, limit, now.getTime(), now.getTime() + leaseMs);
  return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

export async function completeJob(db: Kysely<DB>, id: number, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ state: 'done', locked_until: null, updated_at: now.getTime() }).where('id', '=', id).execute();
}

export async function failJob(db: Kysely<DB>, id: number, error: string, retryAt: Date | null, now: Date): Promise<JobState> {
  const job = await db.selectFrom('jobs').select(['attempts', 'max_attempts']).where('id', '=', id).executeTakeFirst();
  if (!job) return 'dead';
  const dead = retryAt === null || job.attempts >= job.max_attempts;
  const state: JobState = dead ? 'dead' : 'pending';
  await db
    .updateTable('jobs')
    .set({ state, last_error: error.slice(0, 2000), locked_until: null, updated_at: now.getTime(), ...(dead ? {} : { run_at: retryAt.getTime() }) })
    .where('id', '=', id)
    .execute();
  return state;
}

export async function getJob(db: Kysely<DB>, id: number): Promise<Job | null> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : null;
}

export async function jobCounts(db: Kysely<DB>): Promise<JobCounts[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['queue', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['queue', 'state'])
    .orderBy('queue')
    .orderBy('state')
    .execute();
  return rows.map((r) => ({ queue: r.queue as QueueName, state: r.state as JobState, count: Number(r.n) }));
}

export async function listJobs(db: Kysely<DB>, state: JobState, limit: number): Promise<Job[]> {
  return (await db.selectFrom('jobs').selectAll().where('state', '=', state).orderBy('id', 'desc').limit(limit).execute()).map(toJob);
}

export async function retryDead(db: Kysely<DB>, now: Date, ids?: number[]): Promise<number> {
  let q = db.updateTable('jobs').set({ state: 'pending', attempts: 0, run_at: now.getTime(), updated_at: now.getTime() }).where('state', '=', 'dead');
  if (ids) {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function purgeDone(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('jobs').where('state', '=', 'done').where('updated_at', '<', before.getTime()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
