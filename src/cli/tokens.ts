// `caucus tokens create|list|delete`: bearer tokens for the REST API under /api/v1. A token is
// printed once, when made; only its digest is kept.
import type { Command } from 'commander';
import { createApiToken } from '../auth/index.ts';
import { CaucusError } from '../domain/errors.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

export const tokensCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const tokens = program.command('tokens').description('bearer tokens for the REST API');
    tokens
      .command('create')
      .description('make a token for the whole site, or with --list for one list; it is shown once')
      .requiredOption('--name <name>', 'what the token is for, e.g. "deploy bot"')
      .option('--list <list>', 'limit the token to this list')
      .action(async (opts: { name: string; list?: string }) => {
        const app = await deps();
        const list = opts.list ? await resolveList(app.store, opts.list) : null;
        const { token, record } = await createApiToken(app.pipeline, opts.name, list?.id ?? null);
        io.out(`token ${record.id} (${record.name}, ${list ? list.address : 'whole site'}); keep it secret, it is not shown again:\n${token}\n`);
      });
    tokens
      .command('list')
      .action(async () => {
        const app = await deps();
        const lists = new Map((await app.store.listLists()).map((l) => [l.id, l.address]));
        for (const t of await app.store.listApiTokens()) {
          io.out(`${t.id}\t${t.name}\t${t.listId === null ? 'site' : (lists.get(t.listId) ?? '?')}\tcreated ${t.createdAt.toISOString()}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}\n`);
        }
      });
    tokens
      .command('delete <id>')
      .action(async (id: string) => {
        const app = await deps();
        if (!(await app.store.deleteApiToken(Number(id)))) throw new CaucusError('not_found', `no token ${id}`);
        io.out(`deleted token ${id}\n`);
      });
  },
};
