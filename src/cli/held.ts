// `caucus held list|show|approve|reject|discard`: the moderation queue from the command line.
import type { Command } from 'commander';
import { CaucusError } from '../domain/errors.ts';
import { approveHeld, discardHeld, rejectHeld } from '../moderation/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

const idOf = (s: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new CaucusError('invalid', `not a held message id: ${JSON.stringify(s)}`);
  return n;
};

export const heldCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const held = program.command('held').description('the moderation queue: posts waiting for a decision');
    held
      .command('list <list>')
      .action(async (ref: string) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const ms = await app.store.listHeld(list.id);
        if (ms.length === 0) io.out(`no held posts on ${list.address}\n`);
        for (const m of ms) {
          io.out(`${m.id}\t${m.receivedAt.toISOString()}\t${m.fromAddress ?? m.envelopeFrom ?? '?'}\t${m.subject ?? '(no subject)'}\t${m.hits.map((h) => h.rule).join(',')}\n`);
        }
      });
    held
      .command('show <list> <id>')
      .option('--raw', 'print the whole message')
      .action(async (ref: string, id: string, opts: { raw?: boolean }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const m = await app.store.getMessage(idOf(id));
        if (!m || m.listId !== list.id || m.kind !== 'incoming') throw new CaucusError('not_found', `no message ${id} on ${list.address}`);
        io.out(`id: ${m.id}\nstate: ${m.state}\nfrom: ${m.fromAddress ?? ''}\nenvelope-from: ${m.envelopeFrom ?? ''}\nsubject: ${m.subject ?? ''}\nreceived: ${m.receivedAt.toISOString()}\nexpires: ${m.holdExpiresAt?.toISOString() ?? ''}\n`);
        for (const h of m.hits) io.out(`rule ${h.rule} -> ${h.action}: ${h.reason}${h.details ? ` ${JSON.stringify(h.details)}` : ''}\n`);
        if (opts.raw) io.out(`\n${((await app.store.getRaw(m.id)) ?? Buffer.alloc(0)).toString('utf8')}`);
      });
    held
      .command('approve <list> <ids...>')
      .action(async (ref: string, ids: string[]) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        for (const id of ids) await approveHeld(app.pipeline, list, idOf(id));
        io.out(`approved ${ids.join(', ')}\n`);
        await app.runJobsUntilIdle();
      });
    held
      .command('reject <list> <ids...>')
      .option('--reason <text>', 'told to the poster', '')
      .action(async (ref: string, ids: string[], opts: { reason: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        for (const id of ids) await rejectHeld(app.pipeline, list, idOf(id), opts.reason);
        io.out(`rejected ${ids.join(', ')}\n`);
        await app.runJobsUntilIdle();
      });
    held
      .command('discard <list> <ids...>')
      .action(async (ref: string, ids: string[]) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        for (const id of ids) await discardHeld(app.pipeline, list, idOf(id));
        io.out(`discarded ${ids.join(', ')}\n`);
      });
  },
};
