// The preparing pool gives exactly what preparing on the calling thread gives, and an import
// through worker threads stores the same archive as one without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../store/open.ts';
import { defaultListSettings } from '../../../domain/list-settings.ts';
import { decodeRaw } from '../../../domain/raw-codec.ts';
import type { RawMessage } from '../../readers/raw-message.ts';
import { importArchive } from '../import.ts';
import { inlinePreparer, type PrepareItem, type Preparer } from './prepare-message.ts';
import { startPreparePool } from './prepare-pool.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const LIST = { id: 1, name: 'governance', domain: 'lists.example.org', address: 'governance@lists.example.org', settings: defaultListSettings(), createdAt: NOW };

function message(i: number): Buffer {
  const body = `Message ${i} about the charter.\n\n> quoted line ${i}\n\n${'A longer paragraph so that the message compresses. '.repeat(i % 3 === 0 ? 40 : 1)}\n-- \nsig\n`;
  const refs = i > 0 ? `In-Reply-To: <m${i - 1}@example.org>\n` : '';
  return Buffer.from(`From: Person ${i} <p${i}@example.org>\nSubject: =?utf-8?q?Caf=C3=A9_${i}?=\nDate: Mon, 1 Jan 2007 10:${String(i % 60).padStart(2, '0')}:00 +0100\nMessage-ID: <m${i}@example.org>\n${refs}\n${body}`);
}

const items: PrepareItem[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ raw: message(i), fromLine: null })),
  { raw: Buffer.from('not a message at all\n'), fromLine: 'From x@y Mon Jan  1 00:00:00 2007' },
  { raw: Buffer.alloc(0), fromLine: null },
];

test('a worker prepares a batch exactly as the calling thread does', async () => {
  const pool = startPreparePool(1);
  assert.ok(pool, 'workers start from the sources');
  try {
    const [viaPool, inline] = await Promise.all([pool.prepare(LIST, NOW, items), inlinePreparer.prepare(LIST, NOW, items)]);
    assert.equal(viaPool.length, items.length);
    assert.deepEqual(viaPool.map((p) => p.fields), inline.map((p) => p.fields));
    assert.deepEqual(viaPool.map((p) => p.text), inline.map((p) => p.text));
    viaPool.forEach((p, i) => {
      assert.equal(p.stored.codec, inline[i]!.stored.codec);
      assert.ok(decodeRaw(p.stored.data, p.stored.codec).equals(items[i]!.raw), `message ${i} decodes to its bytes`);
    });
    assert.ok(viaPool.some((p) => p.stored.codec === 'br'), 'some messages are compressed');
    assert.ok(viaPool[12]!.fields.badReason, 'the unreadable message keeps its reason');
  } finally {
    await pool.close();
  }
});

test('a batch holding a very large message is prepared on the calling thread, with the same result', async () => {
  const pool = startPreparePool(1);
  assert.ok(pool);
  try {
    const big: PrepareItem = { raw: Buffer.concat([message(1), Buffer.from('x'.repeat(76) + '\n').subarray(0, 77)]), fromLine: null };
    const huge: PrepareItem = { raw: Buffer.from(`From: A <a@example.org>\nSubject: Log\nMessage-ID: <log@example.org>\n\n${'a log line that goes on and on\n'.repeat(300_000)}`), fromLine: null };
    assert.ok(huge.raw.length > 8 << 20);
    const [viaPool, inline] = await Promise.all([pool.prepare(LIST, NOW, [big, huge]), inlinePreparer.prepare(LIST, NOW, [big, huge])]);
    assert.deepEqual(viaPool.map((p) => p.fields), inline.map((p) => p.fields));
    assert.ok(decodeRaw(viaPool[1]!.stored.data, viaPool[1]!.stored.codec).equals(huge.raw));
  } finally {
    await pool.close();
  }
});

/** Messages in the test import: more than the 100 read before workers start. */
const N = 160;

async function importWith(threads: number, reclaim?: () => void, preparer?: Preparer) {
  const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
  try {
    const list = await store.createList({ name: 'governance', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
    async function* input(): AsyncGenerator<RawMessage> {
      for (let i = 0; i < N; i++) yield { raw: message(i), fromLine: `From p${i}@example.org Mon Jan  1 10:00:00 2007`, offset: i };
      yield { raw: message(3), offset: N };
    }
    const summary = await importArchive(store, list, input(), { now: () => NOW, threads, batchSize: 4, ...(reclaim ? { reclaim, reclaimEvery: 10_000 } : {}), ...(preparer ? { preparer } : {}) });
    const entries = await store.archiveEntriesAfter(list.id, -1, 1000);
    const raws = await Promise.all(entries.map((e) => store.getRaw(e.rawId)));
    return { summary, entries: entries.map(({ id: _id, rawId: _r, ...rest }) => rest), raws };
  } finally {
    await store.close();
  }
}

test('a batch waiting for a worker is prepared by the calling thread when it asks, with the same result', async () => {
  const pool = startPreparePool(1);
  assert.ok(pool?.helpOne);
  try {
    assert.equal(pool.helpOne(), false, 'nothing waits yet');
    // The worker is still loading its code: batches wait on this side until it says it is ready.
    const first = pool.prepare(LIST, NOW, items.slice(0, 6));
    const second = pool.prepare(LIST, NOW, items.slice(6));
    assert.equal(pool.helpOne(), true);
    const inline = await inlinePreparer.prepare(LIST, NOW, items);
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual([...a, ...b].map((p) => p.fields), inline.map((p) => p.fields));
    assert.deepEqual([...a, ...b].map((p) => p.text), inline.map((p) => p.text));
  } finally {
    await pool.close();
  }
});

test('an import through worker threads stores what one without them stores', async () => {
  let reclaims = 0;
  const [pooled, inline] = [await importWith(1, () => void reclaims++), await importWith(0)];
  let expected = 0;
  let since = 0;
  for (const m of [...Array.from({ length: N }, (_, i) => message(i)), message(3)]) {
    since += m.length;
    if (since >= 10_000) [expected, since] = [expected + 1, 0];
  }
  assert.ok(expected >= 3);
  // …and two more: before threading, and before the thread placements are written.
  assert.equal(reclaims, expected + 2, 'a collection asked for after each 10,000 input bytes');
  assert.deepEqual(pooled.summary, { read: N + 1, added: N, skipped: 1, bad: 0, threads: 1, published: N });
  assert.deepEqual(pooled.summary, inline.summary);
  assert.deepEqual(pooled.entries, inline.entries);
  assert.deepEqual(pooled.entries.map((e) => e.number), Array.from({ length: N }, (_, i) => i), 'numbers in input order');
  pooled.raws.forEach((r, i) => assert.ok(r?.equals(message(i)), `raw ${i} kept byte for byte`));
});

test('workers started by the caller before the import are used from the first batch and closed when it ends', async () => {
  const pool = startPreparePool(1);
  assert.ok(pool);
  const [early, inline] = [await importWith(1, undefined, pool), await importWith(0)];
  assert.deepEqual(early.summary, inline.summary);
  assert.deepEqual(early.entries, inline.entries);
  await assert.rejects(pool.prepare(LIST, NOW, items.slice(0, 1)), /worker/, 'the import closed the workers');
});
