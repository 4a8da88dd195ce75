// `caucus reindex [--list L]`: rebuilds every derived part of the archive (overview rows, search
// entries, threads) from the raw messages; archive numbers and raw bytes stay as they are.
import type { Command } from 'commander';
import { reindexArchive } from '../archive/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { StoreApp } from './app.ts';
import { resolveList } from './resolve-list.ts';

export const reindexCommand: CliCommand<StoreApp> = {
  register(program: Command, io: CliIO, deps) {
    program
      .command('reindex')
      .description('rebuild the archive\'s overview, search index and threads from the raw messages')
      .option('--list <list>', 'only this list')
      .action(async (opts: { list?: string }) => {
        const app = await deps();
        const lists = opts.list ? [await resolveList(app.store, opts.list)] : await app.store.listLists();
        for (const list of lists) {
          const r = await reindexArchive(app.store, list, app.now);
          await app.store.enqueue({ queue: 'archive-pages', payload: { listId: list.id } }, app.now());
          io.out(`${list.address}: ${r.messages} message(s) reindexed, ${r.threads} thread(s)\n`);
        }
      });
  },
};
