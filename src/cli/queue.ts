// `caucus queue`: pending, running, dead jobs by queue; `queue dead` lists dead jobs with their
// last error; `queue retry [ids…]` puts dead jobs back; `queue run` works the queue until idle.
import type { Command } from 'commander';
import { CaucusError } from '../domain/errors.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';

export const queueCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const queue = program.command('queue').description('the job queue: counts, dead jobs, retries');
    queue.action(async () => {
      const app = await deps();
      const counts = await app.store.jobCounts();
      if (counts.length === 0) io.out('queue empty\n');
      for (const c of counts) io.out(`${c.queue}\t${c.state}\t${c.count}\n`);
    });
    queue
      .command('dead')
      .option('--limit <n>', 'how many', '50')
      .action(async (opts: { limit: string }) => {
        const app = await deps();
        for (const j of await app.store.listJobs('dead', Number(opts.limit) || 50)) {
          io.out(`${j.id}\t${j.queue}\tattempts=${j.attempts}\t${j.lastError ?? ''}\n`);
        }
      });
    queue
      .command('retry [ids...]')
      .description('retry dead jobs (all of them without ids)')
      .action(async (ids: string[]) => {
        const app = await deps();
        const nums = ids.map(Number);
        if (nums.some((n) => !Number.isInteger(n))) throw new CaucusError('invalid', 'job ids are numbers');
        const n = await app.store.retryDeadJobs(app.now(), ids.length ? nums : undefined);
        io.out(`${n} job(s) queued again\n`);
      });
    queue
      .command('run')
      .description('run queued jobs in this process until none is due')
      .action(async () => {
        const app = await deps();
        await app.runJobsUntilIdle();
        io.out('queue idle\n');
      });
  },
};
