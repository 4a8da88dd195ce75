// `caucus serve`: SMTP, LMTP, web and workers in one process, until SIGINT or SIGTERM.
import type { Command } from 'commander';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';

export const serveCommand: CliCommand<App> = {
  register(program: Command, _io: CliIO, deps) {
    program
      .command('serve')
      .description('run the SMTP and LMTP servers, the web and the workers')
      .action(async () => {
        const app = await deps();
        await app.serve();
      });
  },
};
