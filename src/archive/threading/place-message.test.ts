import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeMessage, lookupsFor } from './place-message.ts';
import { MemoryThreadStore } from './memory-store.ts';
import { threadMessages } from './bulk.ts';
import type { NodeLookup, ThreadMessage } from './types.ts';
import { readMbox } from '../readers/mbox-reader.ts';
import { extractOverview } from '../overview.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

let clock = Date.UTC(2020, 0, 1);
function mk(id: string, refs: string[] = [], irt: string | null = null, subject = 'topic', isReply = refs.length > 0): ThreadMessage {
  clock += 60_000;
  return { messageId: id, references: refs, inReplyTo: irt, date: new Date(clock), baseSubject: subject, isReply, author: { name: 'A', address: 'a@x' }, quotes: [], attribution: null };
}

/** Places messages one by one in the given order, as a live list would. */
function live(msgs: ThreadMessage[]): { store: MemoryThreadStore; thread: (id: string) => string; parent: (id: string) => string | null } {
  const store = new MemoryThreadStore();
  for (const m of msgs) store.apply(placeMessage(m, { known: store }));
  return {
    store,
    thread: (id) => store.threadOf(store.get(id)?.threadId ?? '?'),
    parent: (id) => store.get(id)?.parentId ?? null,
  };
}

test('a reply to a missing message hangs under a ghost; the ghost is filled when the message comes', () => {
  const s = live([mk('b', ['a'], 'a')]);
  assert.equal(s.parent('b'), 'a');
  assert.equal(s.store.get('a')?.ghost, true);
  const p = placeMessage(mk('a'), { known: s.store });
  assert.equal(p.materialised, true);
  assert.equal(p.node.threadId, s.thread('b'));
  s.store.apply(p);
  assert.equal(s.store.get('a')?.ghost, false);
  assert.equal(s.thread('a'), s.thread('b'));
});

test('References chains place ghosts; two threads joined through a ghost are merged', () => {
  const s = live([mk('x', ['g1'], 'g1'), mk('y', ['g2'], 'g2'), mk('z', ['g1', 'g2', 'm'], 'm')]);
  // g2 had no parent; z's References put it under g1, so y's thread folds into x's.
  assert.equal(s.parent('g2'), 'g1');
  assert.equal(s.thread('y'), s.thread('x'));
  assert.equal(s.thread('z'), s.thread('x'));
  assert.equal(s.parent('z'), 'm');
  assert.equal(s.parent('m'), 'g2');
});

test('In-Reply-To wins when it names a stored message (notmuch parent-priority)', () => {
  const s = live([mk('root'), mk('child', ['root-typo'], 'root'), mk('grand', ['child', 'root'], 'child')]);
  assert.equal(s.parent('child'), 'root');
  assert.equal(s.parent('grand'), 'child');
  assert.equal(s.parent('root'), null);
  assert.equal(s.store.get('root-typo'), undefined, 'no ghost for the ignored reference');
});

test('reference loops terminate and keep the messages together', () => {
  const s = live([mk('l12', [], 'l21'), mk('l21', [], 'l12')]);
  assert.equal(s.thread('l12'), s.thread('l21'));
  assert.equal(s.parent('l12'), 'l21');
  assert.equal(s.parent('l21'), null);
  const t = live([mk('p', ['q', 'r', 'p'], 'r'), mk('q', ['r'], 'r'), mk('r', ['p'], 'p')]);
  for (const id of ['p', 'q', 'r']) assert.equal(t.thread(id), t.thread('p'));
  // Walking up from any node ends.
  for (const id of ['p', 'q', 'r']) {
    let cur: string | null = id;
    let steps = 0;
    while (cur !== null && steps < 10) { cur = t.parent(cur); steps++; }
    assert.ok(steps < 10, `loop above ${id}`);
  }
  const self = live([mk('s', ['s'], 's')]);
  assert.equal(self.parent('s'), null);
});

test('a forged References cannot pull a stored thread into another', () => {
  const s = live([mk('y'), mk('victim-root'), mk('victim-reply', ['victim-root'], 'victim-root')]);
  const before = s.thread('victim-reply');
  s.store.apply(placeMessage(mk('mallory', ['y', 'victim-root'], 'victim-root'), { known: s.store }));
  assert.equal(s.parent('victim-root'), null);
  assert.equal(s.thread('victim-reply'), before);
  assert.notEqual(s.thread('y'), before);
  assert.equal(s.parent('mallory'), 'victim-root');
  // Through an invented ghost in between: the ghost may sit above the root, but y's thread stays apart.
  s.store.apply(placeMessage(mk('mallory2', ['y', 'ghost', 'victim-root'], 'victim-root'), { known: s.store }));
  assert.equal(s.thread('victim-root'), before);
  assert.notEqual(s.thread('y'), before);
});

test('a stored root may go under a ghost its replies name (notmuch ghost-root/RT)', () => {
  const s = live([mk('fyi'), mk('autoreply', ['ticket', 'fyi'], 'fyi'), mk('resolved', ['ticket'])]);
  assert.equal(s.parent('fyi'), 'ticket');
  assert.equal(s.thread('resolved'), s.thread('fyi'));
});

test('duplicate Message-IDs are kept apart; replies attach to the first copy', () => {
  const store = new MemoryThreadStore();
  store.apply(placeMessage(mk('root'), { known: store }));
  store.apply(placeMessage(mk('d', ['root'], 'root'), { known: store }));
  const dup = placeMessage(mk('d'), { known: store });
  assert.equal(dup.duplicate, true);
  assert.equal(dup.node.parentId, 'root', 'no references of its own: placed beside the first copy');
  const dupElsewhere = placeMessage(mk('d', ['other'], 'other'), { known: store });
  assert.equal(dupElsewhere.duplicate, true);
  assert.equal(dupElsewhere.node.parentId, 'other');
  store.apply(dup);
  store.apply(placeMessage(mk('reply', ['root', 'd'], 'd'), { known: store }));
  assert.equal(store.get('reply')?.parentId, 'd');
  assert.equal(store.get('d')?.parentId, 'root');
});

test('subject grouping only for replies without any reference', () => {
  const root = mk('s-root', [], null, 'budget');
  const store = new MemoryThreadStore();
  store.apply(placeMessage(root, { known: store }));
  const match = { messageId: 's-root', date: root.date };
  const reply = placeMessage(mk('s-reply', [], null, 'budget', true), { known: store, subjectMatch: match });
  assert.equal(reply.node.parentId, 's-root');
  assert.equal(reply.node.link, 'subject');
  const notReply = placeMessage(mk('s-new', [], null, 'budget', false), { known: store, subjectMatch: match });
  assert.equal(notReply.node.parentId, null);
  const withRefs = placeMessage(mk('s-ref', ['elsewhere'], 'elsewhere', 'budget', true), { known: store, subjectMatch: match });
  assert.equal(withRefs.node.parentId, 'elsewhere');
  const off = placeMessage(mk('s-off', [], null, 'budget', true), { known: store, subjectMatch: match }, { subjectGrouping: false });
  assert.equal(off.node.parentId, null);
});

test('lookupsFor names the ids a store must fetch', () => {
  assert.deepEqual(lookupsFor(mk('m', ['a', 'b'], 'c')), { messageIds: ['m', 'a', 'b', 'c'], usableReferences: true });
  assert.deepEqual(lookupsFor(mk('m')), { messageIds: ['m'], usableReferences: false });
});

test('bulk threading equals one-by-one placement in date order, and is independent of input order', () => {
  const msgs = [mk('r'), mk('c1', ['r'], 'r'), mk('c2', ['r', 'c1'], 'c1'), mk('o', ['missing'], 'missing'), mk('o2', ['missing'], 'missing')];
  const shuffled = [msgs[3], msgs[1], msgs[4], msgs[0], msgs[2]].filter((m): m is ThreadMessage => m !== undefined);
  const a = threadMessages(msgs);
  const b = threadMessages(shuffled);
  const partition = (ms: readonly ThreadMessage[], r: typeof a): string[] => {
    const groups = new Map<string, string[]>();
    ms.forEach((m, i) => {
      const t = r.messages[i]?.threadId ?? '';
      groups.set(t, [...(groups.get(t) ?? []), m.messageId].sort());
    });
    return [...groups.values()].map((g) => g.join(',')).sort();
  };
  assert.deepEqual(partition(msgs, a), ['c1,c2,r', 'o,o2']);
  assert.deepEqual(partition(shuffled, b), partition(msgs, a));
  assert.equal(a.threadCount, 2);
  assert.deepEqual(a.ghosts.map((g) => g.messageId), ['missing']);
});

test('a store needs only the ids lookupsFor names and their ancestors (fedora month, live order)', needsCorpus, async () => {
  const msgs: ThreadMessage[] = [];
  for await (const m of readMbox(corpusPath('fedora-devel-2010-01-threads/2010-January.mbox.gz'))) msgs.push(extractOverview(m.raw, { now: new Date('2026-12-01') }));
  const full = new MemoryThreadStore();
  const narrow = new MemoryThreadStore();
  const options = { subjectGrouping: false, quoteInference: false };
  for (const m of msgs) {
    const allowed = new Set<string>();
    for (const id of lookupsFor(m).messageIds) {
      for (let cur: string | null = id, steps = 0; cur !== null && steps < 1000; steps++) {
        allowed.add(cur);
        cur = narrow.get(cur)?.parentId ?? null;
      }
    }
    const seen: NodeLookup = { get: (id) => (allowed.has(id) ? narrow.get(id) : undefined) };
    assert.deepEqual(placeMessage(m, { known: seen }, options), placeMessage(m, { known: full }, options));
    full.apply(placeMessage(m, { known: full }, options));
    narrow.apply(placeMessage(m, { known: seen }, options));
  }
});
