// Page latency for bench/archive.ts: the month index, thread, message and search pages of an
// imported archive, served in-process through the Hono app (no sockets), as p50/p95/p99 in ms.
import { pino } from 'pino';
import type { App } from '../src/cli/app.ts';
import type { MailingList } from '../src/domain/list.ts';
import { createWebApp } from '../src/web/index.ts';

const WORDS = ['scheduler', 'maintainer', 'rust', 'travel', 'regression', 'patch review', 'conference', 'memory'];

function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => +s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export async function pagePercentiles(app: App, list: MailingList, requests = 200): Promise<Record<string, unknown>> {
  const web = createWebApp({ ...app.pipeline, logger: pino({ level: 'silent' }), trustProxy: false });
  const months = (await app.store.archiveMonths(list.id)).map((m) => m.month);
  const all = await app.store.archiveEntriesAfter(list.id, -1, 1_000_000);
  const pick = <T>(xs: readonly T[], i: number): T => xs[(i * 7919) % xs.length]!;
  const kinds: Record<string, (i: number) => string> = {
    'month index (by thread)': (i) => `/archives/${list.name}/${pick(months, i)}/thread`,
    thread: (i) => `/archives/${list.name}/t/${pick(all, i).number}`,
    message: (i) => `/archives/${list.name}/n/${pick(all, i).number}`,
    search: (i) => `/archives/${list.name}/search?q=${encodeURIComponent(pick(WORDS, i))}`,
  };
  const out: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(kinds)) {
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const r = await web.request(url(i));
      await r.arrayBuffer();
      ms.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`${url(i)}: ${r.status}`);
    }
    out[name] = percentiles(ms);
  }
  return out;
}
