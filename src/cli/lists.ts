// `caucus lists create|list|show|set|delete`.
import type { Command } from 'commander';
import { CaucusError } from '../domain/errors.ts';
import { parseAddress, splitAddress } from '../domain/address.ts';
import { ListSettings, defaultListSettings } from '../domain/list-settings.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

/** Parses `key=value` against the settings schema: JSON values (numbers, booleans, arrays) or plain text. */
export function applySettings(current: ListSettings, pairs: string[]): ListSettings {
  const next: Record<string, unknown> = { ...current };
  const shape = ListSettings.shape as Record<string, unknown>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CaucusError('invalid', `expected key=value, got ${JSON.stringify(pair)}`);
    const key = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    if (!(key in shape)) throw new CaucusError('invalid', `unknown list setting ${JSON.stringify(key)} (see: caucus lists show LIST)`);
    let value: unknown = text;
    const asString = typeof (current as Record<string, unknown>)[key] === 'string';
    if (!asString) {
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
    }
    next[key] = value;
  }
  const r = ListSettings.safeParse(next);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new CaucusError('invalid', `${i?.path.join('.')}: ${i?.message}`);
  }
  return r.data;
}

export const listsCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const lists = program.command('lists').description('create, show, change and delete lists');
    lists
      .command('create <address>')
      .description('create a list, e.g. governance@lists.example.org')
      .option('--owner <address...>', 'owner addresses')
      .option('--set <key=value...>', 'initial settings')
      .action(async (address: string, opts: { owner?: string[]; set?: string[] }) => {
        const app = await deps();
        const a = parseAddress(address);
        const { local, domain } = splitAddress(a);
        if (!/^[a-z0-9][a-z0-9._-]*$/i.test(local)) throw new CaucusError('invalid', `list name ${JSON.stringify(local)}: use letters, digits, '.', '_' and '-'`);
        const settings = applySettings(defaultListSettings(), opts.set ?? []);
        const list = await app.store.createList({ name: local.toLowerCase(), domain, settings, createdAt: app.now() });
        for (const o of opts.owner ?? []) await app.store.addMember({ listId: list.id, address: parseAddress(o), role: 'owner' }, app.now(), app.token());
        io.out(`created ${list.address}\n`);
      });
    lists
      .command('list')
      .description('all lists with their member counts')
      .action(async () => {
        const app = await deps();
        for (const l of await app.store.listLists()) io.out(`${l.address}\t${await app.store.countMembers(l.id, 'member')} members\n`);
      });
    lists
      .command('show <list>')
      .description('every setting of a list')
      .action(async (ref: string) => {
        const app = await deps();
        const l = await resolveList(app.store, ref);
        io.out(`${JSON.stringify({ address: l.address, createdAt: l.createdAt.toISOString(), settings: l.settings }, null, 2)}\n`);
      });
    lists
      .command('set <list> <key=value...>')
      .description('change settings, e.g. subjectPrefix="[gov]" maxRecipients=20 emergency=true')
      .action(async (ref: string, pairs: string[]) => {
        const app = await deps();
        const l = await resolveList(app.store, ref);
        await app.store.updateListSettings(l.id, applySettings(l.settings, pairs));
        io.out(`updated ${l.address}\n`);
      });
    lists
      .command('delete <list>')
      .description('delete a list with its members, held posts and archive')
      .requiredOption('--yes', 'confirm the deletion')
      .action(async (ref: string) => {
        const app = await deps();
        const l = await resolveList(app.store, ref);
        await app.store.deleteList(l.id);
        io.out(`deleted ${l.address}\n`);
      });
  },
};
