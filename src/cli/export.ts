// `caucus export --list L [--month YYYY-MM] [--output FILE]`: the list's archive as mboxrd
// (RFC 4155), on stdout unless a file is named. Bytes are written as they are, never re-encoded.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Command } from 'commander';
import { CaucusError } from '../domain/errors.ts';
import { exportArchive } from '../archive/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { StoreApp } from './app.ts';
import { resolveList } from './resolve-list.ts';

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export const exportCommand: CliCommand<StoreApp> = {
  register(program: Command, io: CliIO, deps) {
    program
      .command('export')
      .description('write a list\'s archive as mboxrd')
      .requiredOption('--list <list>', 'the list')
      .option('--month <YYYY-MM>', 'only this month')
      .option('--output <file>', 'write to this file instead of stdout')
      .action(async (opts: { list: string; month?: string; output?: string }) => {
        if (opts.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new CaucusError('invalid', `--month is YYYY-MM; got ${opts.month}`);
        const app = await deps();
        const list = await resolveList(app.store, opts.list);
        const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
        let n = 0;
        for await (const chunk of exportArchive(app.store, list.id, { month: opts.month })) {
          await write(out, chunk);
          n++;
        }
        if (opts.output) {
          out.end();
          await once(out, 'finish');
        }
        io.err(`${list.address}: exported ${n} message(s)\n`);
      });
  },
};
