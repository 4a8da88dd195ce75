// `caucus import --list L FILE…`: reads mbox (mboxrd by default, --format mboxo for Pipermail's own
// files), Pipermail monthly .txt/.txt.gz files and Maildir folders into the list's archive, with a
// progress bar (messages/s) on stderr and a summary line. Importing the same files again adds nothing.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { CaucusError } from '../domain/errors.ts';
import { defaultImportThreads, importArchive, isPipermailPeriodFile, startPreparePool, readMaildir, readMbox, readPipermail, type RawMessage } from '../archive/index.ts';
import type { MailingList } from '../domain/list.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { StoreApp } from './app.ts';
import { resolveList } from './resolve-list.ts';

type Format = 'mboxrd' | 'mboxo' | 'raw';

async function* messagesOf(files: readonly string[], format: Format): AsyncGenerator<RawMessage> {
  for (const f of files) {
    const st = await stat(f).catch(() => null);
    if (!st) throw new CaucusError('not_found', `no such file: ${f}`);
    if (st.isDirectory()) yield* readMaildir(f);
    else if (isPipermailPeriodFile(basename(f))) yield* readPipermail(f);
    else yield* readMbox(f, { format });
  }
}

/** Input from this size on (files as they are on disk, compressed or not) starts the workers early. */
const EARLY_WORKERS_FROM = 1 << 20;

/**
 * Bytes of the named files (a folder counts as big: Maildirs are). A file that is not there is
 * named before anything is imported, not after the files before it.
 */
async function inputBytes(files: readonly string[]): Promise<number> {
  let n = 0;
  for (const f of files) {
    const st = await stat(f).catch(() => null);
    if (!st) throw new CaucusError('not_found', `no such file: ${f}`);
    n += st.isDirectory() ? EARLY_WORKERS_FROM : st.size;
  }
  return n;
}

export const importCommand: CliCommand<StoreApp> = {
  register(program: Command, io: CliIO, deps) {
    program
      .command('import')
      .description('import mbox, Pipermail .txt(.gz) or Maildir archives into a list\'s archive')
      .requiredOption('--list <list>', 'the list')
      .option('--format <format>', 'how mbox bodies escape "From " lines: mboxrd, mboxo or raw', 'mboxrd')
      .option('--batch <n>', 'messages per transaction (a batch is also cut at 16 MB)', '500')
      .option('--threads <n>', 'worker threads preparing messages (0: none; default: one less than the CPUs, at most 4)')
      .option('--no-progress', 'no progress bar')
      .argument('<files...>')
      .action(async (files: string[], opts: { list: string; format: string; batch: string; threads?: string; progress: boolean }) => {
        if (!['mboxrd', 'mboxo', 'raw'].includes(opts.format)) throw new CaucusError('invalid', `--format is mboxrd, mboxo or raw; got ${opts.format}`);
        const batchSize = Number(opts.batch);
        if (!Number.isInteger(batchSize) || batchSize < 1) throw new CaucusError('invalid', '--batch must be a whole number from 1');
        const threads = opts.threads === undefined ? undefined : Number(opts.threads);
        if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) throw new CaucusError('invalid', '--threads must be a whole number from 0 to 64');
        // Big input: the workers start now and load their code while the store opens.
        const bytes = await inputBytes(files);
        const early = threads !== 0 && bytes >= EARLY_WORKERS_FROM ? startPreparePool(threads ?? defaultImportThreads()) : null;
        let app: StoreApp;
        let list: MailingList;
        try {
          app = await deps();
          list = await resolveList(app.store, opts.list);
        } catch (e) {
          await early?.close();
          throw e;
        }
        const started = Date.now();
        const bar = opts.progress
          ? new SingleBar({ stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000, format: '{value} messages read | {rate} msgs/s | {added} added, {skipped} skipped, {bad} bad', hideCursor: false })
          : null;
        bar?.start(0, 0, { rate: 0, added: 0, skipped: 0, bad: 0 });
        const rate = (n: number): number => Math.round(n / Math.max(0.001, (Date.now() - started) / 1000));
        const r = await importArchive(app.store, list, messagesOf(files, opts.format as Format), {
          now: app.now, batchSize, ...(early ? { preparer: early } : {}), ...(threads === undefined ? {} : { threads }), ...(app.reclaimMemory ? { reclaim: app.reclaimMemory } : {}),
          onProgress: (c) => {
            bar?.setTotal(c.read);
            bar?.update(c.read, { rate: rate(c.read), added: c.added, skipped: c.skipped, bad: c.bad });
          },
        });
        bar?.stop();
        // The worker renders the list's Pipermail month pages (src/web/archive/month-pages.ts).
        await app.store.enqueue({ queue: 'archive-pages', payload: { listId: list.id } }, app.now());
        io.out(`${list.address}: read ${r.read}, added ${r.added}, skipped ${r.skipped} already archived, ${r.bad} unreadable kept raw; ${r.threads} threads; ${rate(r.read)} msgs/s\n`);
      });
  },
};
