// Page latency for bench/archive.ts: each kind of archive page of an imported archive, served
// in-process through the Hono app (no sockets), as p50/p95/p99 in ms. Messages are sampled across
// the whole archive (so a thread is picked as often as it has messages, the way readers arrive),
// and the biggest threads sampled are timed page by page on their own.
import { loadavg } from 'node:os';
import { pino } from 'pino';
import type { App } from '../src/cli/app.ts';
import type { MailingList } from '../src/domain/list.ts';
import type { ArchiveEntry, Store } from '../src/store/types.ts';
import { createWebApp } from '../src/web/index.ts';
import { pipermailUrls, SORTS } from '../src/web/archive/urls.ts';
import { keepMonthPages } from '../src/web/archive/month-pages.ts';

const WORDS = ['scheduler', 'maintainer', 'rust', 'travel', 'regression', 'patch review', 'conference', 'memory', 'from:anna', 'subject:patch'];
/** Messages on one thread page (src/web/archive/handlers.tsx THREAD_PAGE). */
const THREAD_PAGE = 25;

function percentiles(ms: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => +s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: +s[s.length - 1]!.toFixed(2) };
}

/** `count` messages spread evenly over the archive's numbers (one indexed lookup each). */
async function sampleMessages(app: App, list: MailingList, count: number): Promise<ArchiveEntry[]> {
  const last = await app.store.archiveEntriesAfter(list.id, -1, 1);
  const total = (await app.store.archiveMonths(list.id)).reduce((n, m) => n + m.count, 0);
  const first = last[0]?.number ?? 0;
  const out: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = first + Math.floor(((i * 7919) % count) * (total / count));
    const e = (await app.store.archiveEntriesAfter(list.id, at - 1, 1))[0];
    if (e && !e.hidden && !e.badReason) out.push(e);
  }
  return out;
}

export async function pagePercentiles(app: App, list: MailingList, requests = 200): Promise<Record<string, unknown>> {
  const web = createWebApp({ ...app.pipeline, logger: pino({ level: 'silent' }), trustProxy: false });
  // The same pages from a process that keeps no rendered month index in memory.
  const cold = createWebApp({ ...app.pipeline, logger: pino({ level: 'silent' }), trustProxy: false, archivePageCacheBytes: 0 });
  // …and one that finds no page kept in the store either (as before the worker has kept them).
  const none: Store = Object.create(app.store, { archiveMonthPage: { value: async () => null } });
  const rendering = createWebApp({ ...app.pipeline, store: none, logger: pino({ level: 'silent' }), trustProxy: false, archivePageCacheBytes: 0 });
  const pm = pipermailUrls(list.name);
  const months = await app.store.archiveMonths(list.id);
  const biggestMonth = months.reduce((a, b) => (b.count > a.count ? b : a), months[0]!);
  const sample = await sampleMessages(app, list, Math.max(requests, 200));
  // The biggest threads among those sampled, with their sizes.
  const sizes = new Map<string, { e: ArchiveEntry; n: number }>();
  for (const e of sample) {
    if (!e.threadId || sizes.has(e.threadId)) continue;
    sizes.set(e.threadId, { e, n: (await app.store.archiveThreadEntries(list.id, e.threadId)).length });
  }
  const biggest = [...sizes.values()].sort((a, b) => b.n - a.n).slice(0, 3);
  const bigPages = biggest.flatMap(({ e, n }) => Array.from({ length: Math.ceil(n / THREAD_PAGE) }, (_, p) => `/t/${e.number}?page=${p + 1}`));
  const pick = <T>(xs: readonly T[], i: number): T => xs[(i * 7919) % xs.length]!;
  const base = `/archives/${encodeURIComponent(list.name)}`;
  const kinds: Record<string, (i: number) => string> = {
    'month index (by thread)': (i) => `${base}/${pick(months, i).month}/thread`,
    'month index (by date)': (i) => `${base}/${pick(months, i).month}/date`,
    [`biggest month (${biggestMonth.count} messages, by thread)`]: () => `${base}/${biggestMonth.month}/thread`,
    thread: (i) => `${base}/t/${pick(sample, i).number}`,
    'thread (reader view)': (i) => `${base}/t/${pick(sample, i).number}?view=reader`,
    [`biggest threads (${biggest.map((b) => b.n).join(', ')} messages, every page)`]: (i) => `${base}${pick(bigPages, i)}`,
    message: (i) => `${base}/n/${pick(sample, i).number}`,
    search: (i) => `${base}/search?q=${encodeURIComponent(pick(WORDS, i))}`,
    'list Atom feed': () => `${base}/atom.xml`,
    // Pipermail's whole-month pages (thread.html, date.html, subject.html, author.html in turn).
    [`Pipermail whole month, biggest (${biggestMonth.count} messages), read again`]: (i) => pm.month(biggestMonth.month, SORTS[i % 4]!),
    'Pipermail whole month, any month and order (mostly first reads: kept pages)': (i) => pm.month(pick(months, i).month, SORTS[Math.floor(i / 7) % 4]!),
  };
  // Rendered on every read: before the worker has kept the month's pages, in a process keeping none.
  const rendered: Record<string, (i: number) => string> = {
    [`Pipermail whole month, biggest (${biggestMonth.count} messages), rendered (none kept)`]: (i) => pm.month(biggestMonth.month, SORTS[i % 4]!),
  };
  // Read from the store, in a process keeping none in memory: the first read of a month's page.
  const fromStore: Record<string, (i: number) => string> = {
    [`Pipermail whole month, biggest (${biggestMonth.count} messages), kept page read from the store`]: (i) => pm.month(biggestMonth.month, SORTS[i % 4]!),
  };
  const out: Record<string, unknown> = { load: loadavg().map((l) => +l.toFixed(2)) };
  const runs = [
    ...Object.entries(rendered).map(([n, u]) => [n, u, rendering] as const),
    ['keep', () => '', cold] as const,
    ...Object.entries(kinds).map(([n, u]) => [n, u, web] as const),
    ...Object.entries(fromStore).map(([n, u]) => [n, u, cold] as const),
  ];
  for (const [name, url, server] of runs) {
    if (name === 'keep') {
      // What the worker's archive-pages job does after an import: every order of every month kept.
      const t = performance.now();
      const kept = await keepMonthPages(app.store, list);
      out['worker: Pipermail month pages kept after the import'] = { pages: kept, seconds: +((performance.now() - t) / 1000).toFixed(1) };
      continue;
    }
    // A few requests first, so the JIT has seen each handler before it is timed.
    for (let i = 0; i < 5; i++) await (await server.request(url(requests + i))).arrayBuffer();
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const r = await server.request(url(i));
      await r.arrayBuffer();
      ms.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`${url(i)}: ${r.status}`);
    }
    out[name] = percentiles(ms);
  }
  return out;
}
