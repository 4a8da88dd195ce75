// `caucus digests send [--list L]` forces out each list's collected posts as a digest now;
// `digests status` shows numbers and backlog; `digests bump` starts a new volume; `digests reset`
// sets the volume and next issue.
import type { Command } from 'commander';
import { CaucusError } from '../domain/errors.ts';
import type { MailingList } from '../domain/list.ts';
import { buildDigest, bumpDigestVolume, resetDigestNumbers } from '../digests/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

async function listsOf(app: App, ref: string | undefined): Promise<MailingList[]> {
  return ref ? [await resolveList(app.store, ref)] : app.store.listLists();
}

const positive = (v: string | undefined, what: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CaucusError('invalid', `${what} must be a whole number from 1; got ${JSON.stringify(v)}`);
  return n;
};

export const digestsCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const digests = program.command('digests').description('digest issues: send now, status, volume and issue numbers');
    digests
      .command('send')
      .description('send the posts collected so far as a digest now (lists with nothing collected send nothing)')
      .option('--list <list>', 'only this list')
      .option('--queue-only', 'leave delivery to a running server')
      .action(async (opts: { list?: string; queueOnly?: boolean }) => {
        const app = await deps();
        for (const list of await listsOf(app, opts.list)) {
          const r = await buildDigest({ store: app.store, site: app.site, now: app.now, wake: app.pipeline.wake }, list.id, true);
          if ('issueId' in r) io.out(`${list.address}: Vol ${r.volume}, Issue ${r.issue}: ${r.entries} message(s) to ${r.recipients} digest member(s)\n`);
          else if (r.skipped === 'no-digest-members') io.out(`${list.address}: no digest members; ${r.entries} collected post(s) dropped\n`);
          else io.out(`${list.address}: nothing collected\n`);
        }
        if (!opts.queueOnly) await app.runJobsUntilIdle();
      });
    digests
      .command('status')
      .option('--list <list>', 'only this list')
      .action(async (opts: { list?: string }) => {
        const app = await deps();
        for (const list of await listsOf(app, opts.list)) {
          const [b] = await app.store.digestBacklog(list.id);
          const s = await app.store.lockDigestState(list.id);
          const collected = b ? `${b.count} post(s), ${Math.ceil(b.bytes / 1024)} KiB of ${list.settings.digestSizeThresholdKb}` : 'nothing collected';
          io.out(`${list.address}\tnext Vol ${s.volume}, Issue ${s.nextIssue}\t${collected}\t${list.settings.digestSchedule}\tlast sent ${s.lastSentAt?.toISOString() ?? 'never'}\n`);
        }
      });
    digests
      .command('bump <list>')
      .description('start a new volume: the next digest is issue 1 of it')
      .action(async (ref: string) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const s = await bumpDigestVolume(app.store, list.id, app.now());
        io.out(`${list.address}: next digest is Vol ${s.volume}, Issue ${s.nextIssue}\n`);
      });
    digests
      .command('reset <list>')
      .description('set the numbers of the next digest (default Vol 1, Issue 1)')
      .option('--volume <n>', 'volume number')
      .option('--issue <n>', 'issue number')
      .action(async (ref: string, opts: { volume?: string; issue?: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const s = await resetDigestNumbers(app.store, list.id, app.now(), positive(opts.volume, '--volume', 1), positive(opts.issue, '--issue', 1));
        io.out(`${list.address}: next digest is Vol ${s.volume}, Issue ${s.nextIssue}\n`);
      });
  },
};
