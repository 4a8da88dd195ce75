// Runs a command table as the `caucus` program: parses argv, runs the command, prints a failure as
// one line (a CaucusError's message, otherwise the stack) and returns the exit code. Shared by the
// two composition roots, main.ts and archive-main.ts.
import { Command, CommanderError } from 'commander';
import { isCaucusError } from '../domain/errors.ts';
import type { CliCommand, CliIO } from './command.ts';

export async function runProgram<Deps>(argv: readonly string[], io: CliIO, commands: ReadonlyArray<CliCommand<Deps>>, deps: () => Promise<Deps>, close: () => Promise<void>): Promise<number> {
  const program = new Command('caucus').description('Caucus: mailing lists with a web archive').exitOverride().showHelpAfterError();
  for (const c of commands) c.register(program, io, deps);
  let code = 0;
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode;
    else {
      io.err(`caucus: ${isCaucusError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      code = 1;
    }
  } finally {
    await close();
  }
  return code;
}
