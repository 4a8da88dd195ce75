// The shape of a CLI command: each command file exports one `CliCommand`, and cli/index.ts lists
// them in a typed array (no folder scanning). Commands print through `io`, never console, and
// signal failure by throwing (CaucusError for user mistakes); only main.ts sets the exit code.
import type { Command } from 'commander';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand<Deps> {
  /** Adds the command (and its sub-commands) to the program; actions receive deps lazily. */
  register(program: Command, io: CliIO, deps: () => Promise<Deps>): void;
}
