// `caucus bounces list L`: each member's bounce score and state (disabled, reminders sent, probe
// out); `--events` shows the bounces received and what was done with each. `bounces run` does the
// scheduled bounce work now (scoring refusals, reminders, removals, staleness).
import type { Command } from 'commander';
import { runBounceMaintenance } from '../bounces/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

const day = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : '-');

export const bouncesCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const bounces = program.command('bounces').description('bounce scores, disabled members and the bounce log');
    bounces
      .command('list <list>')
      .description('members with a bounce score or disabled by bounces')
      .option('--events <n>', 'also show the last N bounces received')
      .action(async (ref: string, opts: { events?: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const infos = await app.store.listBounceInfo(list.id);
        const shown = infos.filter((i) => i.score > 0 || i.disabledAt || i.probeToken);
        if (shown.length === 0) io.out(`${list.address}: no member has a bounce score\n`);
        for (const i of shown) {
          const m = await app.store.getMemberById(i.memberId);
          const state = i.disabledAt
            ? `disabled ${day(i.disabledAt)}, notices ${i.warningsSent}/${list.settings.bounceYouAreDisabledWarnings}`
            : i.probeToken ? `probe sent ${day(i.probeSentAt)}` : 'enabled';
          io.out(`${m?.address ?? `member ${i.memberId}`}\tscore ${i.score}/${list.settings.bounceScoreThreshold}\tlast bounce ${day(i.lastBounceAt)}\t${state}\n`);
        }
        const n = Number(opts.events ?? 0);
        if (n > 0) {
          for (const e of await app.store.listBounceEvents(list.id, n)) {
            io.out(`${e.at.toISOString()}\t${e.source}\t${e.address}\t${e.kind}${e.reason ? `/${e.reason}` : ''}\t${e.outcome}\n`);
          }
        }
      });
    bounces
      .command('run')
      .description('do the scheduled bounce work now (it also runs every ten minutes under serve)')
      .action(async () => {
        const app = await deps();
        const r = await runBounceMaintenance(app.pipeline);
        await app.runJobsUntilIdle();
        io.out(`scored ${r.failuresScored} refusal(s); ${r.warned} reminder(s), ${r.removed} removal(s), ${r.reset} record(s) cleared\n`);
      });
  },
};
