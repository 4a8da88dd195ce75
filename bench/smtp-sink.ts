// A standalone SMTP/LMTP sink for benchmarks (prints "PORT n", counts, prints totals on SIGTERM and
// a snapshot of them on SIGUSR2),
// and with --bench, the raw transport benchmark: personalized-style single-recipient sends and bulk
// 500-recipient transactions through each SMTP client to a sink in another process.
//
//   node --import tsx bench/smtp-sink.ts [--lmtp]                      a sink; SIGTERM prints TOTAL
//   node --import tsx bench/smtp-sink.ts --bench [--messages 10000] [--connections 2,4,6,8,10]
//        [--clients lean,nodemailer,mailer] [--bulk-transactions 100] [--bulk-connections 2,4]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { startSmtpSink } from '../test/harness/smtp-sink.ts';
import { openTransport } from '../src/delivery/transports/index.ts';
import type { Envelope, SendResult } from '../src/delivery/transports/index.ts';

const { values } = parseArgs({
  options: {
    lmtp: { type: 'boolean', default: false },
    bench: { type: 'boolean', default: false },
    messages: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '2,4,6,8,10' },
    clients: { type: 'string', default: 'lean,nodemailer,mailer' },
    'bulk-transactions': { type: 'string', default: '100' },
    'bulk-connections': { type: 'string', default: '2,4' },
  },
});

async function runSink(lmtp: boolean): Promise<void> {
  const sink = await startSmtpSink({ keep: false, lmtp });
  const cpu0 = process.cpuUsage();
  const totals = (): string => {
    const cpu = process.cpuUsage(cpu0);
    const c = sink.counts;
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    return `messages=${c.messages} recipients=${c.recipients} bytes=${c.bytes} connections=${c.connections} cpuMs=${cpuMs}`;
  };
  process.stdout.write(`PORT ${sink.port}\n`);
  process.on('SIGUSR2', () => process.stdout.write(`MARK ${totals()}\n`));
  process.on('SIGTERM', () => {
    process.stdout.write(`TOTAL ${totals()}\n`);
    void sink.close();
    process.exit(0);
  });
}

type Totals = Record<string, number>;

interface SinkProcess {
  port: number;
  /** The sink's counters so far (SIGUSR2). */
  mark(): Promise<Totals>;
  /** Ends the sink and returns its final counters (SIGTERM). */
  stop(): Promise<Totals>;
}

const parseTotals = (s: string): Totals => Object.fromEntries(s.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k ?? '', Number(v)]));

/** Starts this file as a sink in a child process and reads its port. */
async function spawnSink(): Promise<SinkProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  // Each line is read once: `out` keeps only what has not been taken yet.
  const line = (prefix: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const look = (): boolean => {
        const m = new RegExp(`^${prefix} (.*)\n`, 'm').exec(out);
        if (m) {
          out = out.slice(m.index + m[0].length);
          resolve(m[1] ?? '');
        }
        return m !== null;
      };
      if (look()) return;
      const onData = (d: Buffer): void => {
        out += d.toString();
        if (look()) child.stdout.off('data', onData);
      };
      child.stdout.on('data', onData);
      child.once('exit', () => reject(new Error(`sink exited before printing ${prefix}`)));
    });
  const port = Number(await line('PORT'));
  return {
    port,
    async mark() {
      const m = line('MARK');
      child.kill('SIGUSR2');
      return parseTotals(await m);
    },
    async stop() {
      const total = line('TOTAL');
      child.kill('SIGTERM');
      return parseTotals(await total);
    },
  };
}

/** A 4 KB message: headers and 76-character lines, as personalized list mail looks on the wire. */
function message(bytes: number): Buffer {
  const head = 'From: List <list@example.org>\r\nTo: member@example.org\r\nSubject: [list] benchmark\r\nMessage-ID: <bench@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n';
  const line = 'x'.repeat(76) + '\r\n';
  let body = '';
  while (head.length + body.length + line.length <= bytes) body += line;
  return Buffer.from((head + body).padEnd(bytes - 2, 'y') + '\r\n');
}

type Sender = { send(e: Envelope, raw: Buffer): Promise<SendResult>; close(): Promise<void> };

/** nodemailer's documented Mail API, as a baseline: it compiles each raw message through MimeNode. */
function mailerSender(port: number, maxConnections: number): Sender {
  const t = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port, ignoreTLS: true, maxConnections, maxMessages: Infinity });
  return {
    async send(e, raw) {
      const info = await t.sendMail({ envelope: { from: e.from, to: e.to }, raw });
      const ok = new Set(info.accepted.map(String));
      return { outcomes: e.to.map((r) => ({ recipient: r, status: ok.has(r) ? 'delivered' : 'failed', code: null, enhanced: null, response: info.response })) };
    },
    close: async () => t.close(),
  };
}

function sender(client: string, port: number, connections: number): Sender {
  if (client === 'mailer') return mailerSender(port, connections);
  return openTransport(`smtp://127.0.0.1:${port}?client=${client}&maxConnections=${connections}`);
}

interface RunResult {
  seconds: number;
  clientCpuMs: number;
  sinkCpuMs: number;
  undelivered: number;
  /** Recipients the sink counted during the timed part, to check against what was sent. */
  sinkRecipients: number;
}

function checkCounts(sent: number, r: RunResult): string {
  return r.sinkRecipients === sent - r.undelivered ? '' : `  (sink counted ${r.sinkRecipients} of ${sent - r.undelivered})`;
}

/**
 * Keeps 2 sends per connection in flight until `count` transactions are done, after a warm-up
 * (a tenth, at most 500) that opens the sessions and lets the JIT settle, outside the figures.
 */
async function run(client: string, connections: number, count: number, recipients: number, raw: Buffer): Promise<RunResult> {
  const sink = await spawnSink();
  const t = sender(client, sink.port, connections);
  let undelivered = 0;
  const drive = async (n: number): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < n) {
        const i = next++;
        const to = Array.from({ length: recipients }, (_, j) => `m${i}-${j}@example.org`);
        const { outcomes } = await t.send({ from: `list-bounces+${i}@example.org`, to }, raw);
        undelivered += outcomes.filter((o) => o.status !== 'delivered').length;
      }
    };
    await Promise.all(Array.from({ length: connections * 2 }, worker));
  };
  await drive(Math.min(500, Math.ceil(count / 10)));
  undelivered = 0;
  const before = await sink.mark();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await drive(count);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const after = await sink.mark();
  await t.close();
  await sink.stop();
  return {
    seconds,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    sinkCpuMs: (after.cpuMs ?? NaN) - (before.cpuMs ?? NaN),
    undelivered,
    sinkRecipients: (after.recipients ?? 0) - (before.recipients ?? 0),
  };
}

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter(Boolean);
const pad = (v: string | number, n: number): string => String(v).padStart(n);

async function runBench(): Promise<void> {
  const n = Number(values.messages);
  const clients = list(values.clients);
  const raw = message(4096);
  process.stdout.write(`# single-recipient ${raw.length}-byte sends, ${n} per run, sink in another process\n`);
  process.stdout.write('client       conns   msg/s  client us/msg  sink us/msg  undelivered\n');
  for (const client of clients) {
    for (const c of list(values.connections).map(Number)) {
      const r = await run(client, c, n, 1, raw);
      process.stdout.write(`${client.padEnd(11)} ${pad(c, 6)} ${pad(Math.round(n / r.seconds), 7)} ${pad(Math.round((r.clientCpuMs * 1000) / n), 14)} ${pad(Math.round((r.sinkCpuMs * 1000) / n), 12)} ${pad(r.undelivered, 12)}${checkCounts(n, r)}\n`);
    }
  }
  const tx = Number(values['bulk-transactions']);
  process.stdout.write(`# bulk: ${tx} transactions of 500 recipients, ${raw.length}-byte message\n`);
  process.stdout.write('client       conns  rcpt/s  client us/rcpt  sink us/rcpt  undelivered\n');
  for (const client of clients) {
    for (const c of list(values['bulk-connections']).map(Number)) {
      const r = await run(client, c, tx, 500, raw);
      const rcpts = tx * 500;
      process.stdout.write(`${client.padEnd(11)} ${pad(c, 6)} ${pad(Math.round(rcpts / r.seconds), 7)} ${pad(((r.clientCpuMs * 1000) / rcpts).toFixed(1), 15)} ${pad(((r.sinkCpuMs * 1000) / rcpts).toFixed(1), 13)} ${pad(r.undelivered, 12)}${checkCounts(rcpts, r)}\n`);
    }
  }
}

if (values.bench) await runBench();
else await runSink(values.lmtp);
