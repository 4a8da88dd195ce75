// Archive import and page latency on SQLite: import msgs/s and peak RSS per corpus (each in its
// own process), bytes on disk per message against the raw mbox, and p50/p95/p99 of the month
// index, thread, message and search pages served in-process. Usage:
//   node --import tsx bench/archive.ts [ksummit|sourceforge] [--pages]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { buildApp } from '../src/main.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import { importArchive, readMbox } from '../src/archive/index.ts';
import { corpusPath, hasCorpus } from '../test/harness/corpus.ts';

const CORPORA: Record<string, string[]> = {
  ksummit: ['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz'],
  sourceforge: ['sourceforge-mailman21/jfs-discussion.mbox.gz', 'sourceforge-mailman21/openipmi-developer.mbox.gz'],
};

async function* allMessages(files: string[]) {
  for (const f of files) yield* readMbox(corpusPath(f));
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function child(name: string, pages: boolean): Promise<void> {
  const files = CORPORA[name]!;
  const mboxBytes = files.reduce((n, f) => n + gunzipSync(readFileSync(corpusPath(f))).length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-'));
  try {
    const config = ConfigSchema.parse({ dataDir: dir, databaseUrl: '', smtpPort: 0, lmtpPort: 0, httpPort: 0, outbound: `maildir:${join(dir, 'out')}`, hostname: 'lists.example.org', logLevel: 'silent', workers: 0 });
    const app = await buildApp(config, pino({ level: 'silent' }));
    const store = app.store;
    const list = await store.createList({ name, domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await importArchive(store, list, allMessages(files), { now: () => new Date() });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const out: Record<string, unknown> = {
      corpus: name, messages: r.read, added: r.added, threads: r.threads, seconds: +(ms / 1000).toFixed(2),
      msgsPerS: Math.round(r.read / (ms / 1000)), cpuSeconds: +cpuS.toFixed(2), msgsPerCpuS: Math.round(r.read / cpuS), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      bytesPerMsg: Math.round(dirBytes(dir) / r.added), mboxBytesPerMsg: Math.round(mboxBytes / r.read),
      diskVsMbox: +(dirBytes(dir) / mboxBytes).toFixed(2),
    };
    if (pages) out.pages = await (await import('./archive-pages.ts')).pagePercentiles(app, list);
    await app.close();
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const pages = args.includes('--pages');
const only = args.find((a) => a in CORPORA);
if (!hasCorpus) {
  process.stdout.write('corpus not found; set CORPUS or place it at /work/shared/corpus\n');
} else if (process.env.BENCH_CHILD) {
  await child(process.env.BENCH_CHILD, pages);
} else {
  for (const name of only ? [only] : Object.keys(CORPORA)) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { env: { ...process.env, BENCH_CHILD: name }, stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
}
