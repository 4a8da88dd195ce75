// `caucus inject --list L FILE…`: posts files as if they had arrived by SMTP, decides each at once
// and prints what happened (accepted, held, rejected or discarded, with the reasons); queued
// deliveries then run in this process unless --queue-only.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CaucusError } from '../domain/errors.ts';
import { ADDRESS_ROLES, type AddressRole } from '../domain/roles.ts';
import { processIncoming } from '../pipeline/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

export const injectCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    program
      .command('inject <files...>')
      .description('post message files (or - for stdin) to a list as if received by SMTP')
      .requiredOption('--list <list>', 'the list address')
      .option('--role <role>', `the sub-address it was sent to (${ADDRESS_ROLES.join(', ')})`, 'post')
      .option('--detail <detail>', 'the +detail of the sub-address (confirm token, VERP)')
      .option('--envelope-from <address>', 'the SMTP envelope sender')
      .option('--queue-only', 'leave processing and delivery to a running server')
      .action(async (files: string[], opts: { list: string; role: string; detail?: string; envelopeFrom?: string; queueOnly?: boolean }) => {
        const app = await deps();
        const list = await resolveList(app.store, opts.list);
        if (!(ADDRESS_ROLES as readonly string[]).includes(opts.role)) throw new CaucusError('invalid', `--role must be one of ${ADDRESS_ROLES.join(', ')}`);
        for (const file of files) {
          let raw: Buffer;
          try {
            raw = file === '-' ? await readStdin(io.stdin) : await readFile(file);
          } catch (e) {
            throw new CaucusError('invalid', `cannot read ${file}: ${(e as Error).message}`);
          }
          const id = await app.store.transaction(async (tx) => {
            const mid = await tx.saveIncoming({ raw, envelopeFrom: opts.envelopeFrom ?? null, listId: list.id, role: opts.role as AddressRole, detail: opts.detail ?? null, receivedAt: app.now() });
            await tx.enqueue({ queue: 'incoming', payload: { messageId: mid } }, app.now());
            return mid;
          });
          if (!opts.queueOnly) await processIncoming(app.pipeline, { messageId: id });
          const m = await app.store.getMessage(id);
          const why = m?.hits.length ? ` (${m.hits.map((h) => `${h.rule}: ${h.reason}`).join('; ')})` : m?.stateReason ? ` (${m.stateReason})` : '';
          io.out(`${file}: message ${id} ${m?.state ?? 'queued'}${why}\n`);
        }
        if (!opts.queueOnly) await app.runJobsUntilIdle();
      });
  },
};

async function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks);
}
