// Runs CLI commands in-process against a real app (store, transports), capturing their output the
// way a terminal would see it; errors come back as the one line the user would read.
import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from '../../src/cli/index.ts';
import type { BuiltApp } from '../../src/main.ts';

export interface CliRun {
  out: string;
  err: string;
  ok: boolean;
}

export async function runCli(app: BuiltApp, args: string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), stdin: Readable.from([Buffer.from(stdin)]) };
  const program = new Command('caucus').exitOverride().configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (err += s) });
  for (const c of COMMANDS) c.register(program, io, async () => app);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, err, ok: true };
  } catch (e) {
    if (!(e instanceof CommanderError)) err += (e as Error).message;
    return { out, err, ok: false };
  }
}
