// The archive commands (import, export, reindex) on their own: a second composition root that opens
// the store and loads the archive feature only. The full program (main.ts) also loads the web, the
// SMTP servers and mail authentication, about 40 MB of resident memory that a long import of a
// large archive would carry for nothing (docs/architecture.md). bin/caucus.js picks this root for
// these three commands.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from './config/load.ts';
import { openStore } from './store/open.ts';
import type { StoreApp } from './cli/app.ts';
import type { CliIO } from './cli/command.ts';
import { exportCommand } from './cli/export.ts';
import { importCommand } from './cli/import.ts';
import { reindexCommand } from './cli/reindex.ts';
import { runProgram } from './cli/run-program.ts';

/**
 * V8's full collection, made callable: flags set after start-up reach contexts made later, so a new
 * context sees `gc`. A long import calls it every 32 MB of input (ImportOptions.reclaim).
 */
function fullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? () => void gc() : undefined;
  } catch {
    return undefined;
  }
}

/** The commands this root serves; bin/caucus.js routes them here. */
export const ARCHIVE_COMMANDS = ['import', 'export', 'reindex'] as const;

export async function main(argv: string[]): Promise<void> {
  const io: CliIO = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s), stdin: process.stdin };
  let opened: (StoreApp & { close(): Promise<void> }) | null = null;
  const deps = async (): Promise<StoreApp> => {
    if (opened) return opened;
    const config = loadConfig(process.env, process.cwd());
    // Imports and exports write or read in order: a small page cache serves them as well as a big
    // one; imports write in big transactions, so the log is folded into the database less often.
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, cacheKib: 4096, bulk: true });
    const reclaimMemory = fullCollection();
    opened = { config, store, now: () => new Date(), close: () => store.close(), ...(reclaimMemory ? { reclaimMemory } : {}) };
    return opened;
  };
  process.exitCode = await runProgram(argv, io, [importCommand, exportCommand, reindexCommand], deps, async () => {
    if (opened) await opened.close();
  });
}
