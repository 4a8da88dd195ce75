// The list server's fan-out: one ~4 KB post to a list of N members, in bulk or personalized mode,
// delivered by the real workers and pooled SMTP client of `buildApp` to a sink in another process.
// Prints recipients/s and messages/s from the accepted post to the last copy at the sink.
//
//   node --import tsx bench/fanout.ts [--members 10000] [--modes bulk,personalized]
//        [--stores sqlite,postgres] [--workers 1,2] [--connections 5,10] [--posts 2]
//
// Each combination runs in a fresh child process (so peak RSS is its own). PostgreSQL runs when
// DATABASE_URL is set, in a schema of its own that is dropped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApp } from '../src/main.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import { processIncoming } from '../src/pipeline/index.ts';
import { KyselyStore } from '../src/store/kysely/index.ts';
import type { Store } from '../src/store/types.ts';
import { pgTestSchema } from '../test/harness/stores.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    modes: { type: 'string', default: 'bulk,personalized' },
    stores: { type: 'string', default: process.env.DATABASE_URL ? 'sqlite,postgres' : 'sqlite' },
    workers: { type: 'string', default: '1,2' },
    connections: { type: 'string', default: '5,10' },
    posts: { type: 'string', default: '2' },
    size: { type: 'string', default: '4096' },
    run: { type: 'string' },
  },
});

type Mode = 'bulk' | 'personalized';
type Kind = 'sqlite' | 'postgres';
interface RunSpec { kind: Kind; mode: Mode; workers: number; connections: number; members: number; posts: number; size: number }
type Totals = Record<string, number>;
interface Sink { port: number; mark(): Promise<Totals>; stop(): Promise<Totals> }

const DOMAIN = 'lists.example.org';
const memberAddress = (i: number): string => `member${i}@example${i % 97}.net`;

/** The counting sink of bench/smtp-sink.ts in its own process: its port, snapshots and totals. */
async function spawnSink(): Promise<Sink> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  // A sink outliving a failed run would hold the terminal's pipes open.
  process.once('exit', () => child.kill());
  let out = '';
  const waiting: Array<() => void> = [];
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiting.splice(0)) w();
  });
  const line = (prefix: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const look = (): void => {
        const m = new RegExp(`^${prefix} (.*)\n`, 'm').exec(out);
        if (!m) return void waiting.push(look);
        out = out.slice(m.index + m[0].length);
        resolve(m[1] ?? '');
      };
      child.once('exit', () => reject(new Error(`sink exited before printing ${prefix}`)));
      look();
    });
  const totals = (s: string): Totals => Object.fromEntries(s.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k ?? '', Number(v)]));
  const port = Number(await line('PORT'));
  return {
    port,
    async mark() {
      const m = line('MARK');
      child.kill('SIGUSR2');
      return totals(await m);
    },
    async stop() {
      const t = line('TOTAL');
      child.kill('SIGTERM');
      return totals(await t);
    },
  };
}

/** A plain-text post of about `bytes` bytes from member 0, as a mail client sends it. */
function postRaw(n: number, bytes: number): Buffer {
  const head = [
    `From: Member Zero <${memberAddress(0)}>`,
    `To: bench@${DOMAIN}`,
    `Subject: Fan-out benchmark post ${n}`,
    'Date: Mon, 1 Jan 2024 10:00:00 +0000',
    `Message-ID: <fanout-${n}-${randomBytes(6).toString('hex')}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
  ].join('\r\n');
  const sentence = 'The working group met on Tuesday and agreed to circulate the revised draft for comment. ';
  let body = '';
  let lineText = '';
  for (const word of sentence.repeat(Math.ceil(bytes / sentence.length)).split(' ')) {
    if (head.length + body.length + lineText.length >= bytes - 4) break;
    if (lineText.length + word.length > 72) {
      body += `${lineText.trimEnd()}\r\n`;
      lineText = '';
    }
    lineText += `${word} `;
  }
  return Buffer.from(`${head}\r\n\r\n${body}${lineText.trimEnd()}\r\n`);
}

/** Claim-to-completion time of every deliver job, read by wrapping the store's two queue calls. */
function timeDeliverJobs(): { take(): number[] } {
  const claimed = new Map<number, number>();
  let done: number[] = [];
  const proto = KyselyStore.prototype;
  const claim = proto.claimJobs;
  const complete = proto.completeJob;
  proto.claimJobs = async function (this: KyselyStore, ...a: Parameters<KyselyStore['claimJobs']>) {
    const jobs = await claim.apply(this, a);
    const t = performance.now();
    for (const j of jobs) if (j.queue === 'deliver') claimed.set(j.id, t);
    return jobs;
  };
  proto.completeJob = async function (this: KyselyStore, ...a: Parameters<KyselyStore['completeJob']>) {
    await complete.apply(this, a);
    const t0 = claimed.get(a[0]);
    if (t0 !== undefined) done.push(performance.now() - t0);
  };
  return {
    take() {
      const t = done;
      done = [];
      return t.sort((x, y) => x - y);
    },
  };
}

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function addMembers(store: Store, listId: number, n: number): Promise<void> {
  const now = new Date();
  await store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await tx.addMember({ listId, address: memberAddress(i) }, now, `t${i}-${randomBytes(9).toString('base64url')}`);
  });
}

type Running = Awaited<ReturnType<Awaited<ReturnType<typeof buildApp>>['start']>>;

/** Injects post `n`, accepts it (rule chain, preparation, planning) and times its delivery. */
async function measurePost(s: RunSpec, n: number, app: Awaited<ReturnType<typeof buildApp>>, running: Running, listId: number, sink: Sink, jobTimes: { take(): number[] }): Promise<void> {
  const before = await sink.mark();
  const id = await app.store.saveIncoming({ raw: postRaw(n, s.size), envelopeFrom: memberAddress(0), listId, role: 'post', detail: null, receivedAt: new Date() });
  const a0 = performance.now();
  await processIncoming(app.pipeline, { messageId: id });
  // The accept transaction has committed and woken the worker: delivery is under way.
  const d0 = performance.now();
  const cpu0 = process.cpuUsage();
  await running.worker?.drain();
  const seconds = (performance.now() - d0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const msg = await app.store.getMessage(id);
  if (msg?.state !== 'accepted') throw new Error(`post ${n} was not accepted: ${msg?.state} ${JSON.stringify(msg?.hits)}`);
  const after = await sink.mark();
  const jobs = jobTimes.take();
  const rcpts = (after.recipients ?? 0) - (before.recipients ?? 0);
  const msgs = (after.messages ?? 0) - (before.messages ?? 0);
  const cols: Array<[string | number, number]> = [
    [s.kind, -8], [s.mode, -12], [s.workers * 8, 4], [s.connections, 5], [n, 4], [(d0 - a0).toFixed(0), 7], [seconds.toFixed(2), 7],
    [Math.round(rcpts / seconds), 7], [Math.round(msgs / seconds), 7], [jobs.length, 4], [[50, 95, 99].map((p) => pct(jobs, p).toFixed(0)).join('/'), 14],
    [((cpu.user + cpu.system) / rcpts).toFixed(0), 6], [((((after.cpuMs ?? 0) - (before.cpuMs ?? 0)) * 1000) / rcpts).toFixed(0), 6],
    [(process.resourceUsage().maxRSS / 1024).toFixed(0), 5],
  ];
  const row = cols.map(([v, w]) => (w < 0 ? String(v).padEnd(-w) : String(v).padStart(w))).join(' ');
  process.stdout.write(`${row}  sink ${msgs}/${rcpts}${rcpts === s.members ? '' : ` (expected ${s.members} recipients)`}\n`);
}

async function runOne(s: RunSpec): Promise<void> {
  if (s.kind === 'postgres' && !process.env.DATABASE_URL) throw new Error('PostgreSQL runs need DATABASE_URL');
  const jobTimes = timeDeliverJobs();
  const sink = await spawnSink();
  const cleanup: Array<() => Promise<unknown>> = [];
  let setupMs = 0;
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'caucus-fanout-'));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const schema = s.kind === 'postgres' ? await pgTestSchema(process.env.DATABASE_URL ?? '') : null;
    if (schema) cleanup.push(() => schema.drop());
    const config = ConfigSchema.parse({
      dataDir, databaseUrl: schema?.url ?? '', smtpPort: 0, lmtpPort: 0, httpPort: 0, hostname: DOMAIN, logLevel: 'silent',
      outbound: `smtp://127.0.0.1:${sink.port}`, outboundConnections: s.connections, workers: s.workers,
    });
    const app = await buildApp(config, pino({ level: 'silent' }));
    cleanup.push(() => app.close());
    const list = await app.store.createList({ name: 'bench', domain: DOMAIN, settings: { ...defaultListSettings(), deliveryMode: s.mode }, createdAt: new Date() });
    const t0 = performance.now();
    await addMembers(app.store, list.id, s.members);
    setupMs = performance.now() - t0;
    const running = await app.start();
    cleanup.push(() => running.stop());
    for (let n = 1; n <= s.posts; n++) await measurePost(s, n, app, running, list.id, sink, jobTimes);
  } finally {
    for (const c of cleanup.reverse()) await c().catch((e: unknown) => process.stderr.write(`cleanup: ${String(e)}\n`));
    const total = await sink.stop();
    process.stderr.write(`  (${s.kind} ${s.mode}: ${s.members} members added in ${setupMs.toFixed(0)} ms; sink total messages=${total.messages} recipients=${total.recipients} connections=${total.connections})\n`);
  }
}

/** Runs each combination in a child process with the same Node flags (--cpu-prof included). */
function runChild(s: RunSpec): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--run', JSON.stringify(s)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`run ${JSON.stringify(s)} exited with ${code}`)))));
}

/** The machine and how busy it is: figures from a loaded machine are not comparable. */
const machine = (): string => `# ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`;

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

if (values.run) {
  await runOne(JSON.parse(values.run) as RunSpec);
} else {
  const base = { members: Number(values.members), posts: Number(values.posts), size: Number(values.size) };
  process.stdout.write(machine());
  process.stdout.write(`# fan-out of a ${postRaw(1, base.size).length}-byte post to ${base.members} members; sink in another process\n`);
  process.stdout.write('# jobs: concurrent jobs (8 per worker); conns: outboundConnections; accept: processIncoming incl. planning; s: accepted → last copy at the sink\n');
  process.stdout.write('# job ms: claim → complete of each deliver job; cpu: this process and the sink, µs per recipient; rss: peak MB of this process\n');
  process.stdout.write('store    mode         jobs conns post  acc-ms       s  rcpt/s   msg/s njob  job p50/95/99  cpu/r sink/r rssMB\n');
  for (const kind of list(values.stores) as Kind[])
    for (const mode of list(values.modes) as Mode[])
      for (const workers of list(values.workers).map(Number))
        for (const connections of list(values.connections).map(Number)) await runChild({ kind, mode, workers, connections, ...base });
  process.stdout.write(machine());
}
