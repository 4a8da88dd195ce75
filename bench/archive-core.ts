// Throughput of the archive's store-independent core: read (gunzip + mbox split), overview
// extraction and bulk threading, over the ksummit and sourceforge corpora (the peer baseline's
// corpora, sourceforge being jfs-discussion + openipmi-developer). Prints messages/s, MB/s, CPU
// time and peak RSS per corpus; each corpus runs in its own process so RSS is its own.
// Usage: node --import tsx bench/archive-core.ts [ksummit|sourceforge] [--runs N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readMbox } from '../src/archive/readers/mbox-reader.ts';
import { extractOverview } from '../src/archive/overview.ts';
import { extractOverviewThorough } from '../src/archive/overview-thorough.ts';
import { threadMessages, type BulkThreadMessage } from '../src/archive/threading/bulk.ts';
import { corpusPath, hasCorpus } from '../test/harness/corpus.ts';

const CORPORA: Record<string, string[]> = {
  ksummit: ['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz'],
  sourceforge: ['sourceforge-mailman21/jfs-discussion.mbox.gz', 'sourceforge-mailman21/openipmi-developer.mbox.gz'],
};

interface RunFigures {
  messages: number;
  bytes: number;
  readMs: number;
  overviewMs: number;
  threadMs: number;
  totalMs: number;
  cpuMs: number;
  threads: number;
  slowPath: number;
}

async function runOnce(files: string[], now: Date): Promise<RunFigures> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let readMs = 0;
  let overviewMs = 0;
  let bytes = 0;
  let slowPath = 0;
  const slim: BulkThreadMessage[] = [];
  for (const f of files) {
    const it = readMbox(corpusPath(f))[Symbol.asyncIterator]();
    for (;;) {
      const r0 = performance.now();
      const next = await it.next();
      readMs += performance.now() - r0;
      if (next.done) break;
      const m = next.value;
      bytes += m.raw.length;
      const o0 = performance.now();
      let o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
      if (!o.complete) {
        slowPath++;
        o = await extractOverviewThorough(m.raw, { now, fromLine: m.fromLine ?? null });
      }
      overviewMs += performance.now() - o0;
      // What an importer keeps for threading: no text, quotes only where inference may need them.
      const unreferenced = o.references.length === 0 && o.inReplyTo === null;
      slim.push({
        messageId: o.messageId, inReplyTo: o.inReplyTo, references: o.references, date: o.date,
        baseSubject: o.baseSubject, isReply: o.isReply, author: o.author,
        quotes: unreferenced ? o.quotes : [], attribution: unreferenced ? o.attribution : null, fingerprint: o.fingerprint,
      });
    }
  }
  const th0 = performance.now();
  const threads = threadMessages(slim);
  const threadMs = performance.now() - th0;
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { messages: slim.length, bytes, readMs, overviewMs, threadMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000, threads: threads.threadCount, slowPath };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function benchCorpus(name: string, runs: number): Promise<void> {
  const files = CORPORA[name];
  if (!files) throw new Error(`unknown corpus ${name}`);
  const now = new Date();
  const results: RunFigures[] = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(files, now));
  const first = results[0];
  if (!first) return;
  const total = median(results.map((r) => r.totalMs));
  const mb = first.bytes / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const fmt = (n: number, d = 0): string => n.toFixed(d);
  process.stdout.write([
    `${name}: ${first.messages} messages, ${fmt(mb, 1)} MB (${fmt(first.bytes / first.messages / 1000, 1)} KB/msg), ${first.threads} threads, ${first.slowPath} via full parser`,
    `  wall ms (median of ${runs}): total ${fmt(total)} = read ${fmt(median(results.map((r) => r.readMs)))} + overview ${fmt(median(results.map((r) => r.overviewMs)))} + threading ${fmt(median(results.map((r) => r.threadMs)))}`,
    `  ${fmt(first.messages / (total / 1000))} msgs/s, ${fmt(mb / (total / 1000), 1)} MB/s; CPU ${fmt(median(results.map((r) => r.cpuMs)))} ms (${fmt(first.messages / (median(results.map((r) => r.cpuMs)) / 1000))} msgs per CPU-second); peak RSS ${fmt(rssMb)} MB`,
    `  runs (total ms): ${results.map((r) => fmt(r.totalMs)).join(', ')}; best ${fmt(first.messages / (Math.min(...results.map((r) => r.totalMs)) / 1000))} msgs/s`,
    '',
  ].join('\n'));
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1] ?? 3) : 3;
const names = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
if (!hasCorpus) {
  process.stdout.write('corpus not found; nothing to measure\n');
} else if (names.length === 1 && names[0]) {
  await benchCorpus(names[0], runs);
} else {
  // One process per corpus, so each peak RSS is that corpus's alone.
  for (const name of names.length > 0 ? names : Object.keys(CORPORA)) {
    spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name, '--runs', String(runs)], { stdio: 'inherit' });
  }
}
