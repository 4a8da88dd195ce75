import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readMbox } from '../readers/mbox-reader.ts';
import { extractOverview, type ArchiveOverview } from '../overview.ts';
import { threadMessages } from './bulk.ts';
import { authorMatches, dateMatches, inferQuotedParent, nameKey } from './quote-inference.ts';
import type { Attribution } from '../quotes/attribution.ts';

const now = new Date('2026-12-01T00:00:00Z');

async function fixture(name: string): Promise<ArchiveOverview[]> {
  const out: ArchiveOverview[] = [];
  for await (const m of readMbox(join(import.meta.dirname, 'fixtures', name))) out.push(extractOverview(m.raw, { now, fromLine: m.fromLine ?? null }));
  return out;
}

for (const [file, style] of [['quote-wrote.mbox', 'wrote'], ['quote-groupwise.mbox', 'groupwise'], ['quote-outlook.mbox', 'outlook']] as const) {
  test(`a reply without references is attached under the post it quotes (${style})`, async () => {
    const msgs = await fixture(file);
    const reply = msgs.find((m) => m.messageId === 'reply@example.org');
    assert.equal(reply?.attribution?.style, style);
    assert.equal(reply?.references.length, 0);
    const r = threadMessages(msgs, { subjectGrouping: false });
    const at = (id: string) => r.messages[msgs.findIndex((m) => m.messageId === id)];
    assert.equal(at('reply@example.org')?.parentId, 'orig@example.org');
    assert.equal(at('reply@example.org')?.link, 'quote');
    assert.equal(at('reply@example.org')?.threadId, at('orig@example.org')?.threadId);
    // Same author and date in the attribution, but quoting text nobody posted: not attached.
    assert.equal(at('unrelated@example.org')?.parentId, null);
    assert.equal(at('decoy@example.org')?.parentId, null);
    const off = threadMessages(msgs, { subjectGrouping: false, quoteInference: false });
    assert.equal(off.messages[msgs.findIndex((m) => m.messageId === 'reply@example.org')]?.parentId, null);
  });
}

const attribution = (over: Partial<Attribution>): Attribution => ({ style: 'wrote', line: '', name: null, address: null, date: null, timeKnown: false, zoneKnown: false, ...over });

test('author matching: address, name words, "Last, First", local part', () => {
  const alice = { name: 'Alice Example', address: 'alice@example.org' };
  assert.equal(authorMatches(attribution({ address: 'ALICE@example.org' }), alice), true);
  assert.equal(authorMatches(attribution({ address: 'eve@example.org' }), alice), false);
  assert.equal(authorMatches(attribution({ name: 'Example, Alice' }), alice), true);
  assert.equal(authorMatches(attribution({ name: 'Alice' }), alice), true);
  assert.equal(authorMatches(attribution({ name: 'Alice Other' }), alice), false);
  assert.equal(authorMatches(attribution({ name: 'alice' }), { name: '', address: 'alice@example.org' }), true);
  assert.equal(authorMatches(attribution({}), alice), null);
  assert.equal(nameKey('Example, Alice'), nameKey('alice example'));
});

test('date matching: exact with a zone, any whole zone offset without one, a day either way without a time', () => {
  const sent = new Date('2010-01-05T14:00:20Z');
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T14:00:00Z'), timeKnown: true, zoneKnown: true }), sent), true);
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T15:00:00Z'), timeKnown: true, zoneKnown: true }), sent), false);
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T09:00:00Z'), timeKnown: true }), sent), true, 'printed in UTC-5');
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T19:30:00Z'), timeKnown: true }), sent), true, 'printed in UTC+5:30');
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T09:07:00Z'), timeKnown: true }), sent), false);
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-05T00:00:00Z') }), sent), true);
  assert.equal(dateMatches(attribution({ date: new Date('2010-01-08T00:00:00Z') }), sent), false);
  assert.equal(dateMatches(attribution({}), sent), null);
});

test('inferQuotedParent needs enough shared text and an agreeing attribution', async () => {
  const msgs = await fixture('quote-wrote.mbox');
  const reply = msgs.find((m) => m.messageId === 'reply@example.org');
  assert.ok(reply);
  const candidates = msgs.filter((m) => m.messageId !== 'reply@example.org').map((m) => ({ messageId: m.messageId, author: m.author, date: m.date, fingerprint: m.fingerprint }));
  assert.equal(inferQuotedParent(reply, candidates)?.messageId, 'orig@example.org');
  assert.ok((inferQuotedParent(reply, candidates)?.containment ?? 0) > 0.9);
  // Wrong author and wrong date in the attribution: even the right text is not enough.
  const forged = { ...reply, quotes: reply.quotes.map((q) => ({ ...q, attribution: attribution({ name: 'Mallory', date: new Date('2009-01-01T00:00:00Z'), timeKnown: true, zoneKnown: true }) })) };
  assert.equal(inferQuotedParent(forged, candidates), null);
  // Later posts are never parents.
  assert.equal(inferQuotedParent({ ...reply, date: new Date('2010-01-01T00:00:00Z') }, candidates), null);
  // No attribution at all: only with an explicit text-only threshold.
  const bare = { ...reply, attribution: null, quotes: reply.quotes.map((q) => ({ ...q, attribution: null })) };
  assert.equal(inferQuotedParent(bare, candidates), null);
  assert.equal(inferQuotedParent(bare, candidates, { unattributedContainment: 0.9 })?.messageId, 'orig@example.org');
});
