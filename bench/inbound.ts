// Posts accepted per second over SMTP: a pooled nodemailer client (this process) sends ~4 KB posts
// from a member to a small list on a Caucus server in a child process. With workers off it measures
// receive + commit alone; with workers on, the whole path to the copies at a sink in a third process.
//
//   node --import tsx bench/inbound.ts [--posts 2000] [--connections 4] [--workers 0,1]
//        [--stores sqlite,postgres] [--members 4] [--mode personalized|bulk] [--size 4096]
//        [--pg-options="-c synchronous_commit=off"]
//
// PostgreSQL runs when DATABASE_URL is set, in a schema of its own that is dropped afterwards.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { buildApp } from '../src/main.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import { pgTestSchema } from '../test/harness/stores.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '4' },
    workers: { type: 'string', default: '0,1' },
    stores: { type: 'string', default: process.env.DATABASE_URL ? 'sqlite,postgres' : 'sqlite' },
    members: { type: 'string', default: '4' },
    mode: { type: 'string', default: 'personalized' },
    size: { type: 'string', default: '4096' },
    'pg-options': { type: 'string', default: '' },
    serve: { type: 'string' },
  },
});

type Kind = 'sqlite' | 'postgres';
interface ServeSpec { kind: Kind; workers: number; members: number; mode: 'bulk' | 'personalized'; sinkPort: number; pgOptions: string }
/** What the server process reports: its peak RSS, CPU used so far, and the jobs by state. */
interface Stats { rssMb: number; cpuMs: number; pending: number; done: number; dead: number }
type Reply = { port: number } | { stats: Stats };

const DOMAIN = 'lists.example.org';
const POSTER = 'member0@example.net';
const WARMUP = 200;

// ---- the server process ----------------------------------------------------------------------

async function serve(s: ServeSpec): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caucus-inbound-'));
  const schema = s.kind === 'postgres' ? await pgTestSchema(process.env.DATABASE_URL ?? '') : null;
  const url = schema ? new URL(schema.url) : null;
  // Extra server settings for an experiment, e.g. "-c synchronous_commit=off" (every commit of the run).
  if (url && s.pgOptions) url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} ${s.pgOptions}`);
  const config = ConfigSchema.parse({
    dataDir, databaseUrl: url?.toString() ?? '', smtpPort: 0, lmtpPort: 0, httpPort: 0, ephemeralPorts: true, hostname: DOMAIN,
    logLevel: 'silent', workers: s.workers, outbound: s.sinkPort ? `smtp://127.0.0.1:${s.sinkPort}` : '',
  });
  const app = await buildApp(config, pino({ level: 'silent' }));
  const list = await app.store.createList({ name: 'bench', domain: DOMAIN, settings: { ...defaultListSettings(), deliveryMode: s.mode }, createdAt: new Date() });
  await app.store.transaction(async (tx) => {
    for (let i = 0; i < s.members; i++) await tx.addMember({ listId: list.id, address: i === 0 ? POSTER : `member${i}@example.org` }, new Date(), randomBytes(12).toString('base64url'));
  });
  const running = await app.start();
  const stats = async (): Promise<Stats> => {
    const counts = await app.store.jobCounts();
    const n = (state: string): number => counts.filter((c) => c.state === state).reduce((a, c) => a + c.count, 0);
    const cpu = process.cpuUsage();
    return { rssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000, pending: n('pending') + n('running'), done: n('done'), dead: n('dead') };
  };
  const send = (r: Reply): void => void process.send?.(r);
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await running.stop();
      await app.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      if (process.connected) process.disconnect();
    })());
  process.on('message', (cmd: string) => {
    if (cmd === 'stats') void stats().then((st) => send({ stats: st }));
    else if (cmd === 'drain') void (running.worker?.drain() ?? Promise.resolve()).then(stats).then((st) => send({ stats: st }));
    else if (cmd === 'stop') void stop();
  });
  // The client went away (or failed): clean up all the same.
  process.once('disconnect', () => void stop());
  send({ port: running.ports.smtp });
}

// ---- the client (this process) ---------------------------------------------------------------

function postRaw(n: number, bytes: number): Buffer {
  const head = `From: Member Zero <${POSTER}>\r\nTo: bench@${DOMAIN}\r\nSubject: Inbound benchmark post ${n}\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <inbound-${n}-${randomBytes(6).toString('hex')}@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
  const line = 'Minutes of the working group: the revised draft goes out for comment on Friday.\r\n';
  return Buffer.from(head + line.repeat(Math.max(1, Math.floor((bytes - head.length) / line.length))));
}

/** A child process spoken to over IPC: each request gets the next reply. */
function channel(child: ChildProcess): { next(): Promise<Reply>; ask(cmd: string): Promise<Reply> } {
  const queue: Reply[] = [];
  const waiting: Array<{ resolve(r: Reply): void; reject(e: Error): void }> = [];
  let exited = false;
  child.on('message', (m: Reply) => {
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  child.once('exit', (code) => {
    exited = true;
    for (const w of waiting.splice(0)) w.reject(new Error(`server process exited (${code})`));
  });
  const next = (): Promise<Reply> => {
    const r = queue.shift();
    if (r) return Promise.resolve(r);
    if (exited) return Promise.reject(new Error('server process exited'));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return { next, ask: (cmd) => (child.send(cmd), next()) };
}

async function spawnSink(): Promise<{ port: number; stop(): Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  // A sink outliving a failed run would hold the terminal's pipes open.
  process.once('exit', () => child.kill());
  let out = '';
  const line = (prefix: string): Promise<string> =>
    new Promise((resolve) => {
      const look = (): void => {
        const m = new RegExp(`^${prefix} (.*)$`, 'm').exec(out);
        if (m) {
          child.stdout.off('data', onData);
          resolve(m[1] ?? '');
        }
      };
      const onData = (d: Buffer): void => {
        out += d.toString();
        look();
      };
      child.stdout.on('data', onData);
      look();
    });
  const port = Number(await line('PORT'));
  return {
    port,
    async stop() {
      out = '';
      const t = line('TOTAL');
      child.kill('SIGTERM');
      return t;
    },
  };
}

const stats = (r: Reply): Stats => {
  if (!('stats' in r)) throw new Error('expected stats from the server');
  return r.stats;
};
const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function measure(kind: Kind, workers: number, posts: number, connections: number, members: number, mode: 'bulk' | 'personalized', size: number): Promise<void> {
  const sink = workers > 0 ? await spawnSink() : null;
  const spec: ServeSpec = { kind, workers, members, mode, sinkPort: sink?.port ?? 0, pgOptions: values['pg-options'] ?? '' };
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(spec)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ipc = channel(child);
  const hello = await ipc.next();
  if (!('port' in hello)) throw new Error('server did not report its port');
  const smtp = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: hello.port, ignoreTLS: true, maxConnections: connections, maxMessages: Infinity, logger: false });
  const raws = Array.from({ length: WARMUP + posts }, (_, i) => postRaw(i, size));
  const latencies: number[] = [];
  let refused = 0;
  const drive = async (from: number, to: number): Promise<void> => {
    let next = from;
    const loop = async (): Promise<void> => {
      while (next < to) {
        const raw = raws[next++]!;
        const t = performance.now();
        try {
          await smtp.sendMail({ envelope: { from: POSTER, to: [`bench@${DOMAIN}`] }, raw });
          latencies.push(performance.now() - t);
        } catch {
          refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, loop));
  };
  // Warm-up: opens the pooled sessions and lets the JIT settle; its jobs are drained before timing.
  await drive(0, WARMUP);
  if (workers > 0) await ipc.ask('drain');
  latencies.length = 0;
  const before = stats(await ipc.ask('stats'));
  const t0 = performance.now();
  await drive(WARMUP, WARMUP + posts);
  const acceptS = (performance.now() - t0) / 1000;
  const accepted = stats(await ipc.ask('stats'));
  const after = workers > 0 ? stats(await ipc.ask('drain')) : accepted;
  const wholeS = (performance.now() - t0) / 1000;
  smtp.close();
  const exited = once(child, 'exit');
  child.send('stop');
  await exited;
  const sinkTotals = (await sink?.stop()) ?? '';
  latencies.sort((a, b) => a - b);
  const cpuPerPost = ((after.cpuMs - before.cpuMs) * 1000) / posts;
  process.stdout.write(
    `${kind.padEnd(8)} ${String(workers).padStart(7)} ${String(connections).padStart(5)} ${String(posts).padStart(6)} ${Math.round(posts / acceptS).toString().padStart(8)}` +
      ` ${[50, 95, 99].map((p) => pct(latencies, p).toFixed(1)).join('/').padStart(16)} ${(workers > 0 ? Math.round(posts / wholeS).toString() : '-').padStart(8)}` +
      ` ${cpuPerPost.toFixed(0).padStart(8)} ${accepted.rssMb.toFixed(0).padStart(6)} ${String(refused).padStart(7)} ${String(after.dead).padStart(5)}${sinkTotals ? `  sink ${sinkTotals}` : ''}\n`,
  );
}

/** The machine and how busy it is: figures from a loaded machine are not comparable. */
const machine = (): string => `# ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`;

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

if (values.serve) {
  await serve(JSON.parse(values.serve) as ServeSpec);
} else {
  const posts = Number(values.posts);
  const members = Number(values.members);
  const mode = values.mode === 'bulk' ? 'bulk' : 'personalized';
  process.stdout.write(machine());
  process.stdout.write(`# ${posts} posts of ${postRaw(0, Number(values.size)).length} bytes (after ${WARMUP} warm-up posts) to a list of ${members} members (${mode}); server in a child process\n`);
  process.stdout.write('# accept: posts/s answered 250; smtp ms: MAIL FROM → 250 after DATA; whole: posts/s until every job is done and every copy at the sink\n');
  process.stdout.write('# cpu: server process µs per post (receive, commit, and with workers the whole path); rss: server peak MB\n');
  process.stdout.write('store    workers conns  posts accept/s  smtp ms p50/95/99  whole/s  cpu/post  rssMB refused  dead\n');
  for (const kind of list(values.stores) as Kind[])
    for (const workers of list(values.workers).map(Number))
      for (const c of list(values.connections).map(Number)) await measure(kind, workers, posts, c, members, mode, Number(values.size));
  process.stdout.write(machine());
}
