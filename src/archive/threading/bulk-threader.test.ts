import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Author } from '../parse/author.ts';
import { textFingerprint } from '../quotes/fingerprint.ts';
import { threadMessages, type BulkOptions, type BulkThreadMessage, type BulkThreads } from './bulk.ts';
import { BulkThreader } from './bulk-threader.ts';
import { MemoryThreadStore } from './memory-store.ts';
import { placeMessage, type PlaceContext } from './place-message.ts';
import { DAY, quoteLookups } from './quote-candidates.ts';
import { nameWords } from './quote-inference.ts';
import { QuoteWindow } from './quote-window.ts';
import type { QuoteCandidate, ThreadNode } from './types.ts';
import { prng } from '../../../test/harness/prng.ts';

/**
 * Bulk threading as it was before the compact stores: every message, node and index held in Maps
 * and arrays for the whole run. The compact threader must give exactly its answers.
 */
function referenceThreads(messages: readonly BulkThreadMessage[], options: BulkOptions = {}): BulkThreads {
  const subjectWindow = (options.subjectWindowDays ?? 30) * DAY;
  const quoteWindow = (options.quoteWindowDays ?? 90) * DAY;
  const maxCandidates = options.maxQuoteCandidates ?? 50;
  const store = new MemoryThreadStore();
  const placed: Array<ThreadNode | undefined> = new Array<ThreadNode | undefined>(messages.length);
  const duplicates = new Set<number>();
  const subjects = new Map<string, { messageId: string; first: number; last: number }>();
  const byAddress = new Map<string, number[]>();
  const byNameWord = new Map<string, number[]>();
  const byDate: number[] = [];
  const push = (map: Map<string, number[]>, key: string, i: number): void => { map.set(key, [...(map.get(key) ?? []), i]); };
  const time = (j: number): number => messages[j]?.date.getTime() ?? 0;
  const order = messages.map((_, i) => i);
  if (options.order !== 'input') order.sort((a, b) => time(a) - time(b) || a - b);
  const candidatesFor = (m: BulkThreadMessage, self: number): QuoteCandidate[] => {
    const look = quoteLookups(m, quoteWindow);
    if (!look) return [];
    const picked = new Set<number>();
    for (const a of look.addresses) for (const j of byAddress.get(a) ?? []) picked.add(j);
    for (const w of look.nameWords) for (const j of byNameWord.get(w) ?? []) picked.add(j);
    for (const [from, to] of look.dates) {
      for (let x = byDate.length - 1; x >= 0; x--) {
        const j = byDate[x] ?? 0;
        if (time(j) < from) break;
        if (time(j) <= to) picked.add(j);
      }
    }
    const sorted = [...picked].filter((j) => j !== self && !duplicates.has(j) && time(j) >= look.from && time(j) <= look.to).sort((a, b) => time(b) - time(a));
    const out: QuoteCandidate[] = [];
    for (const j of sorted.slice(0, maxCandidates)) {
      const c = messages[j];
      if (c?.fingerprint) out.push({ messageId: c.messageId, author: c.author, date: c.date, fingerprint: c.fingerprint });
    }
    return out;
  };
  for (const i of order) {
    const m = messages[i];
    if (!m) continue;
    const ctx: PlaceContext = { known: store };
    const key = m.baseSubject.toLowerCase();
    if (m.references.length === 0 && m.inReplyTo === null) {
      const run = key ? subjects.get(key) : undefined;
      if (run && m.isReply && m.date.getTime() - run.last <= subjectWindow) ctx.subjectMatch = { messageId: run.messageId, date: new Date(run.first) };
      if (m.quotes.length > 0 && options.quoteInference !== false) ctx.quoteCandidates = candidatesFor(m, i);
    }
    const p = placeMessage(m, ctx, options);
    placed[i] = store.apply(p);
    if (p.duplicate) {
      duplicates.add(i);
      continue;
    }
    const t = m.date.getTime();
    if (key) {
      const run = subjects.get(key);
      if (!run || t - run.last > subjectWindow) subjects.set(key, { messageId: m.messageId, first: t, last: t });
      else run.last = Math.max(run.last, t);
    }
    if (m.author.address) push(byAddress, m.author.address.toLowerCase(), i);
    for (const w of new Set(nameWords(m.author.name))) push(byNameWord, w, i);
    byDate.push(i);
  }
  const threads = new Set<string>();
  const out = messages.map((_, i) => {
    const n = placed[i];
    const threadId = store.threadOf(n?.threadId ?? '');
    threads.add(threadId);
    return { threadId, parentId: n?.parentId ?? null, link: n?.link ?? 'none', duplicate: duplicates.has(i) };
  });
  return { messages: out, ghosts: store.ghosts(), threadCount: threads.size };
}


const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu red green blue black white grey orange purple'.split(' ');
const PEOPLE: Author[] = ['Anna Berg', 'Bjørn Castro', 'Carlos Dubois', 'Anna Weber', 'Élodie Xu', 'Priya Rossi', 'Wei Zhang', 'Berg, Anna']
  .map((name, i) => ({ name, address: `p${i}@Example.org` }));

/**
 * A messy archive: threads with References chains (some cut short), In-Reply-To only, references
 * to missing messages (ghosts), loops, reused Message-IDs (duplicates), replies without
 * references that quote their parent with "On … wrote:" (by name, address or date only) or only
 * share its subject, equal dates, and an input order that is not quite the date order.
 */
function messyArchive(n: number, seed: number, meanGapMs: number): BulkThreadMessage[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: BulkThreadMessage[] = [];
  const bodies: string[][] = [];
  let t = Date.UTC(2015, 0, 1);
  for (let i = 0; i < n; i++) {
    if (rnd() > 0.1) t += Math.floor(rnd() * 2 * meanGapMs);
    const author = pick(PEOPLE);
    const body = Array.from({ length: 30 }, () => pick(WORDS));
    let messageId = `m${i}@x`;
    if (i > 0 && rnd() < 0.02) messageId = out[Math.floor(rnd() * i)]!.messageId;
    const base: BulkThreadMessage = {
      messageId, inReplyTo: null, references: [], date: new Date(t), baseSubject: `topic ${i % 97}`, isReply: false, author,
      quotes: [], attribution: null,
    };
    const r = rnd();
    if (i > 0 && r < 0.85) {
      // Replies go to recent messages more often.
      const p = out[Math.max(0, i - 1 - Math.floor(rnd() * rnd() * Math.min(i, 400)))]!;
      const pBody = bodies[out.indexOf(p)] ?? [];
      base.baseSubject = p.baseSubject;
      base.isReply = true;
      const s = rnd();
      if (s < 0.6) { base.references = [...p.references, p.messageId]; base.inReplyTo = p.messageId; }
      else if (s < 0.67) { base.references = [...p.references.slice(1), p.messageId]; base.inReplyTo = p.messageId; }
      else if (s < 0.72) base.inReplyTo = p.messageId;
      else if (s < 0.76) { base.references = [`lost${Math.floor(rnd() * 50)}@x`, p.messageId]; }
      else if (s < 0.78) { base.references = [`m${i + 1 + Math.floor(rnd() * 5)}@x`]; base.inReplyTo = `m${i + 1}@x`; }
      else if (s < 0.93) {
        const from = Math.floor(rnd() * 12);
        const how = rnd();
        const attribution = {
          style: 'wrote' as const, line: '', timeKnown: true, zoneKnown: true,
          name: how < 0.5 ? p.author.name : null, address: how >= 0.5 && how < 0.8 ? p.author.address : null,
          date: how >= 0.8 ? p.date : null,
        };
        base.quotes = [{ text: pBody.slice(from, from + 14).join(' '), attribution: rnd() < 0.5 ? attribution : null }];
        base.attribution = attribution;
      }
    }
    out.push(base);
    bodies.push(body);
    base.fingerprint = textFingerprint(body.join(' '));
  }
  // Arrival order is a little off the date order.
  for (let i = 0; i + 1 < out.length; i += 7) if (rnd() < 0.3) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
}

function assertSame(msgs: readonly BulkThreadMessage[], options: BulkOptions, label: string): BulkThreads {
  const want = referenceThreads(msgs, options);
  const got = threadMessages(msgs, options);
  assert.deepEqual(got.messages, want.messages, label);
  assert.equal(got.threadCount, want.threadCount, label);
  const byId = (a: ThreadNode, b: ThreadNode): number => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
  assert.deepEqual([...got.ghosts].sort(byId), [...want.ghosts].sort(byId), label);
  return got;
}

test('compact bulk threading gives exactly the answers of the Map-based one, windows and all', () => {
  for (const seed of [1, 2, 3]) {
    // Over four years, so that subjects and posts leave their windows many times over.
    const msgs = messyArchive(9000, seed, 4 * 3_600_000);
    const r = assertSame(msgs, {}, `seed ${seed}`);
    const links = new Set(r.messages.map((m) => m.link));
    for (const l of ['in-reply-to', 'references', 'quote', 'subject', 'none'] as const) assert.ok(links.has(l), `seed ${seed}: some ${l} link`);
    assert.ok(r.messages.some((m) => m.duplicate), 'duplicates');
    assert.ok(r.ghosts.length > 0, 'ghosts');
    assertSame(msgs, { subjectWindowDays: 1, quoteWindowDays: 2, maxQuoteCandidates: 3 }, `seed ${seed}, narrow windows`);
    assertSame(msgs, { order: 'input' }, `seed ${seed}, input order`);
    assertSame(msgs, { subjectGrouping: false, quoteInference: false }, `seed ${seed}, plain JWZ`);
  }
});

test('messages out of date order are refused when the threader was told they are in order', () => {
  const t = new BulkThreader({ dateOrdered: true });
  const m = (id: string, date: string): BulkThreadMessage => ({
    messageId: id, inReplyTo: null, references: [], date: new Date(date), baseSubject: 's', isReply: false, author: PEOPLE[0]!, quotes: [], attribution: null,
  });
  t.place(m('a', '2020-01-02'), 1);
  t.place(m('b', '2020-01-02'), 2);
  assert.throws(() => t.place(m('c', '2020-01-01'), 3), /date order/);
  // Keys beyond 32 bits are kept whole.
  const wide = new BulkThreader({ dateOrdered: false });
  wide.place(m('a', '2020-01-02'), 2 ** 40);
  wide.place(m('b', '2020-01-01'), 7);
  assert.deepEqual([...wide.byKey()].map((p) => p.key), [7, 2 ** 40]);
  // Keys too big to be sorted packed with their rows take the comparator's way, to the same order.
  const huge = new BulkThreader({ dateOrdered: false });
  huge.place(m('a', '2020-01-02'), 2 ** 52);
  huge.place(m('b', '2020-01-01'), 3);
  huge.place(m('c', '2020-01-03'), 2 ** 52 - 1);
  assert.deepEqual([...huge.byKey()].map((p) => p.key), [3, 2 ** 52 - 1, 2 ** 52]);
  // Equal keys keep the order they were placed in.
  const ties = new BulkThreader({ dateOrdered: false });
  for (const [id, key] of [['a', 5], ['b', 3], ['c', 5], ['d', 1], ['e', 0]] as const) ties.place(m(id, '2020-01-02'), key);
  assert.deepEqual([...ties.byKey()].map((p) => `${p.threadId}:${p.key}`), ['e:0', 'd:1', 'b:3', 'a:5', 'c:5']);
});

test('the quote window holds the posts of its window only, when dates come in order', () => {
  const w = new QuoteWindow(10 * DAY, true);
  const author = PEOPLE[0]!;
  let peak = 0;
  for (let d = 0; d < 1000; d++) {
    const at = Date.UTC(2020, 0, 1) + d * DAY;
    w.advance(at);
    for (let k = 0; k < 5; k++) w.add(d * 5 + k, d * 5 + k, author, at);
    peak = Math.max(peak, w.size);
  }
  assert.equal(peak, 55, 'ten days back and the day itself, five posts a day');
  const reply: BulkThreadMessage = {
    messageId: 'r', inReplyTo: null, references: [], date: new Date(Date.UTC(2020, 0, 1) + 999 * DAY), baseSubject: '', isReply: true,
    author: PEOPLE[1]!, quotes: [{ text: 'x', attribution: null }],
    attribution: { style: 'wrote', line: '', name: 'Anna', address: null, date: null, timeKnown: false, zoneKnown: false },
  };
  const picked = w.pick(reply, 100);
  assert.equal(picked.length, 55);
  assert.deepEqual(picked.slice(0, 2).map((p) => p.row), [4995, 4996], 'newest first; equal dates in the order posted');
  const unordered = new QuoteWindow(10 * DAY, false);
  for (let d = 0; d < 100; d++) unordered.add(d, d, author, Date.UTC(2020, 0, 1) + d * DAY);
  unordered.advance(Date.UTC(2021, 0, 1));
  assert.equal(unordered.size, 100, 'nothing is forgotten when dates may go back');
});
