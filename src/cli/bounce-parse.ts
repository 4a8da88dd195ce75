// `caucus bounce-parse FILE`: reads one bounce (or - for stdin) and prints what the bounce parser
// makes of it as one JSON line: the failed addresses, whether the failure is permanent, its kind
// and reason (and the RFC 3463 status when the report gives one).
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CaucusError } from '../domain/errors.ts';
import { parseBounce } from '../bounces/index.ts';
import type { CliCommand, CliIO } from './command.ts';

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  if (file !== '-') return readFile(file);
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks);
}

export const bounceParseCommand: CliCommand<unknown> = {
  register(program: Command, io: CliIO) {
    program
      .command('bounce-parse <file>')
      .description('parse a bounce message file (or - for stdin) and print the failed addresses as JSON')
      .action(async (file: string) => {
        let raw: Buffer;
        try {
          raw = await readInput(file, io.stdin);
        } catch (e) {
          throw new CaucusError('invalid', `cannot read ${file}: ${(e as Error).message}`);
        }
        const r = parseBounce(raw);
        const line = { addresses: r.addresses, permanent: r.permanent, kind: r.kind, reason: r.reason, ...(r.status ? { status: r.status } : {}) };
        io.out(JSON.stringify(line) + '\n');
      });
  },
};
