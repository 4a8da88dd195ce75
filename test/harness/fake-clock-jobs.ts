// Moving a fake clock under running workers: jump only once no job is running (a running job's
// lease is counted on that clock, so jumping days ahead mid-job would let another worker take it
// again and send twice), and run the daily maintenance job at a given time.
import type { TestApp } from './app.ts';
import { until } from './until.ts';

/** Resolves once no job is running; set the clock after it. */
export async function noJobRunning(t: TestApp): Promise<void> {
  await until('no running job', async () => (await t.app.store.listJobs('running', 1)).length === 0);
}

/** Queues a maintenance job at `at`, waits for it, then runs whatever it queued. */
export async function runMaintenance(t: TestApp, at: Date): Promise<void> {
  const [id] = await t.app.store.enqueue({ queue: 'maintenance', payload: {} }, at);
  t.app.pipeline.wake?.();
  await until('maintenance done', async () => (await t.app.store.getJob(id!))?.state === 'done');
  await t.app.runJobsUntilIdle();
}
