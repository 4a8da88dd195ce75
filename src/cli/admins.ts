// `caucus admins create ADDRESS`: makes (or promotes) a site administrator and prints a one-time
// link to choose a password; `caucus admins list` shows the accounts.
import type { Command } from 'commander';
import { createSiteAdmin } from '../auth/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';

export const adminsCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const admins = program.command('admins').description('site administrators of the web interface');
    admins
      .command('create <address>')
      .description('make a site administrator and print a one-time link to set the password')
      .action(async (address: string) => {
        const app = await deps();
        const { url, expiresAt } = await createSiteAdmin(app.pipeline, address);
        io.out(`${address} is a site administrator. Set the password (once, before ${expiresAt.toISOString()}):\n${url}\n`);
      });
    admins
      .command('list')
      .description('accounts that sign in with a password')
      .action(async () => {
        const app = await deps();
        for (const a of await app.store.listAccounts()) io.out(`${a.address}\t${a.siteAdmin ? 'site-admin' : 'staff'}\t${a.passwordHash ? 'password set' : 'no password yet'}\n`);
      });
  },
};
