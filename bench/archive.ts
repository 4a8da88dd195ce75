// Archive import and page latency on SQLite: import msgs/s and peak RSS per corpus (each run a
// `caucus import` process), bytes on disk per message against the raw mbox, and p50/p95/p99 of the
// month index, thread, message and search pages served in-process. Usage:
//   node --import tsx bench/archive.ts [ksummit|sourceforge] [--runs N] [--pages]
//   node --import tsx bench/archive.ts --generated N [--pages] [--threads T] [--keep]
//   node --import tsx bench/archive.ts --pages-of DIR|URL   (pages of a data folder or schema kept by --keep)
// With --postgres (and DATABASE_URL set) the generated archive goes into a PostgreSQL schema of its
// own, dropped afterwards unless --keep is given; its size on disk is that of its tables and indexes.
// The generated mode writes (once, under $BENCH_DATA or the temp folder) an mbox of N messages made
// by generate-archive.ts and imports it with `caucus import` itself, the command an operator runs,
// timed with /usr/bin/time for its peak RSS.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { pino } from 'pino';
import { buildApp } from '../src/main.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { corpusPath, hasCorpus } from '../test/harness/corpus.ts';
import { pgTestSchema } from '../test/harness/stores.ts';
import pg from 'pg';

const CORPORA: Record<string, string[]> = {
  ksummit: ['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz'],
  sourceforge: ['sourceforge-mailman21/jfs-discussion.mbox.gz', 'sourceforge-mailman21/openipmi-developer.mbox.gz'],
};

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/**
 * A real archive through `caucus import`, the command an operator runs (the bundle, its worker
 * threads), timed with /usr/bin/time: the import's own rate (from the store opened to the archive
 * published, as its summary line gives it), the whole process's wall time and peak RSS, and bytes
 * on disk once the store is closed (the write-ahead log folded in).
 */
async function realArchive(name: string, runs: number, pages: boolean): Promise<void> {
  const files = CORPORA[name]!.map((f) => corpusPath(f));
  let mboxBytes = 0;
  for (const f of files) for await (const chunk of createReadStream(f).pipe(createGunzip())) mboxBytes += (chunk as Buffer).length;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const caucus = join(root, 'bin', 'caucus.js');
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'caucus-bench-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CAUCUS_DATA_DIR: join(dir, 'data'), CAUCUS_OUTBOUND: `maildir:${join(dir, 'out')}`, CAUCUS_LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      run(process.execPath, [caucus, 'lists', 'create', `${name}@lists.example.org`], env);
      const load = loadavg()[0]!.toFixed(1);
      const imp = run('/usr/bin/time', ['-f', 'time rss_kb=%M wall=%e user=%U sys=%S', process.execPath, caucus, 'import', '--no-progress', '--list', `${name}@lists.example.org`, ...files], env);
      const t = /rss_kb=(\d+) wall=([\d.]+) user=([\d.]+) sys=([\d.]+)/.exec(imp.stderr);
      const summary = /read (\d+), added (\d+).*; (\d+) threads; (\d+) msgs\/s/.exec(imp.stdout);
      if (!t || !summary) throw new Error(`no timing or summary in: ${imp.stdout} ${imp.stderr}`);
      const [rssKb, wall, user, sys] = t.slice(1).map(Number) as [number, number, number, number];
      const [read, added, threads, rate] = summary.slice(1).map(Number) as [number, number, number, number];
      const disk = dirBytes(join(dir, 'data'));
      const out: Record<string, unknown> = {
        corpus: name, loadAtStart: +load, messages: read, added, threads, msgsPerS: rate, processSeconds: wall, cpuSeconds: +(user + sys).toFixed(2),
        peakRssMB: Math.round(rssKb / 1024), bytesPerMsg: Math.round(disk / added), mboxBytesPerMsg: Math.round(mboxBytes / read), diskVsMbox: +(disk / mboxBytes).toFixed(2),
      };
      if (pages && i === runs - 1) {
        const config = ConfigSchema.parse({ dataDir: join(dir, 'data'), databaseUrl: '', smtpPort: 0, lmtpPort: 0, httpPort: 0, outbound: `maildir:${join(dir, 'out')}`, hostname: 'lists.example.org', logLevel: 'silent', workers: 0 });
        const app = await buildApp(config, pino({ level: 'silent' }));
        const list = await app.store.findListByAddress(`${name}@lists.example.org`);
        if (!list) throw new Error(`the list ${name} is missing`);
        out.pages = await (await import('./archive-pages.ts')).pagePercentiles(app, list);
        await app.close();
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const args = process.argv.slice(2);
const pages = args.includes('--pages');
const postgres = args.includes('--postgres');
if (postgres && !process.env.DATABASE_URL) throw new Error('--postgres needs DATABASE_URL');
const only = args.find((a) => a in CORPORA);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Runs a command, returning its stdout; throws with its stderr when it fails. */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, argv, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr || r.stdout}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

async function generated(n: number, threads: string | undefined): Promise<void> {
  const { generateArchive } = await import('./generate-archive.ts');
  const base = process.env.BENCH_DATA ?? join(tmpdir(), 'caucus-bench');
  mkdirSync(base, { recursive: true });
  const file = join(base, `gen-${n}.mbox`);
  if (!existsSync(file)) await generateArchive(file, n);
  const mboxBytes = statSync(file).size;
  const dir = mkdtempSync(join(base, 'data-'));
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const env: NodeJS.ProcessEnv = { ...process.env, CAUCUS_DATA_DIR: join(dir, 'data'), CAUCUS_OUTBOUND: `maildir:${join(dir, 'out')}`, CAUCUS_LOG_LEVEL: 'silent' };
  const schema = postgres ? await pgTestSchema(process.env.DATABASE_URL ?? '') : null;
  if (schema) env.DATABASE_URL = schema.url;
  else delete env.DATABASE_URL;
  const caucus = join(root, 'bin', 'caucus.js');
  try {
    run(process.execPath, [caucus, 'lists', 'create', 'gen@lists.example.org'], env);
    const load = loadavg()[0]!.toFixed(1);
    const imp = run('/usr/bin/time', ['-f', 'time rss_kb=%M wall=%e user=%U sys=%S', process.execPath, caucus, 'import', '--no-progress', '--list', 'gen@lists.example.org',
      ...(threads === undefined ? [] : ['--threads', threads]), file], env);
    const t = /rss_kb=(\d+) wall=([\d.]+) user=([\d.]+) sys=([\d.]+)/.exec(imp.stderr);
    if (!t) throw new Error(`no timing in: ${imp.stderr}`);
    const [rssKb, wall, user, sys] = t.slice(1).map(Number) as [number, number, number, number];
    const summary = imp.stdout.trim();
    const threadCount = Number(/; (\d+) threads/.exec(summary)?.[1] ?? NaN);
    const disk = schema ? await pgBytes(schema.url) : dirBytes(join(dir, 'data'));
    const out: Record<string, unknown> = {
      corpus: `generated ${n}`, store: schema ? 'postgres' : 'sqlite', loadAtStart: +load, messages: n, threads: threadCount, seconds: wall, msgsPerS: Math.round(n / wall),
      cpuSeconds: +(user + sys).toFixed(1), msgsPerCpuS: Math.round(n / (user + sys)), peakRssMB: Math.round(rssKb / 1024),
      bytesPerMsg: Math.round(disk / n), mboxBytesPerMsg: Math.round(mboxBytes / n), diskVsMbox: +(disk / mboxBytes).toFixed(2),
    };
    if (schema && args.includes('--keep')) out.kept = schema.url;
    if (pages) {
      const config = ConfigSchema.parse({ dataDir: join(dir, 'data'), databaseUrl: schema?.url ?? '', smtpPort: 0, lmtpPort: 0, httpPort: 0, outbound: `maildir:${join(dir, 'out')}`, hostname: 'lists.example.org', logLevel: 'silent', workers: 0 });
      const app = await buildApp(config, pino({ level: 'silent' }));
      const list = await app.store.findListByAddress('gen@lists.example.org');
      if (!list) throw new Error('the generated list is missing');
      out.pages = await (await import('./archive-pages.ts')).pagePercentiles(app, list);
      await app.close();
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    if (!args.includes('--keep')) {
      rmSync(dir, { recursive: true, force: true });
      await schema?.drop();
    }
  }
}

/** Bytes of a PostgreSQL schema's tables with their indexes and TOAST (the URL's search_path). */
async function pgBytes(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
      JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND c.relkind = 'r'`);
    return Number(r.rows[0]!.n);
  } finally {
    await c.end();
  }
}

async function pagesOf(where: string): Promise<void> {
  const url = /^postgres(ql)?:\/\//.test(where) ? where : '';
  const dataDir = url ? mkdtempSync(join(tmpdir(), 'caucus-bench-')) : where;
  const config = ConfigSchema.parse({ dataDir, databaseUrl: url, smtpPort: 0, lmtpPort: 0, httpPort: 0, outbound: `maildir:${join(dataDir, 'out')}`, hostname: 'lists.example.org', logLevel: 'silent', workers: 0 });
  const app = await buildApp(config, pino({ level: 'silent' }));
  try {
    const list = await app.store.findListByAddress('gen@lists.example.org');
    if (!list) throw new Error(`no generated list in ${where}`);
    const pagesOut = await (await import('./archive-pages.ts')).pagePercentiles(app, list);
    process.stdout.write(`${JSON.stringify({ data: where, pages: pagesOut })}\n`);
  } finally {
    await app.close();
    if (url) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (option('--pages-of') !== undefined) {
  await pagesOf(option('--pages-of')!);
} else if (option('--generated') !== undefined) {
  await generated(Number(option('--generated')), option('--threads'));
} else if (!hasCorpus) {
  process.stdout.write('corpus not found; set CORPUS or place it at /work/shared/corpus\n');
} else {
  for (const name of only ? [only] : Object.keys(CORPORA)) await realArchive(name, Number(option('--runs') ?? 3), pages);
}
