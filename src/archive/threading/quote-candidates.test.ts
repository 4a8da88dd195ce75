import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readMbox } from '../readers/mbox-reader.ts';
import { extractOverview, type ArchiveOverview } from '../overview.ts';
import type { Attribution } from '../quotes/attribution.ts';
import { threadMessages, type BulkThreadMessage } from './bulk.ts';
import { lookupsPick, quoteCandidateSuperset, quotedShingles, quoteLookups, sharedWithQuotes } from './quote-candidates.ts';
import type { ThreadMessage } from './types.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

const now = new Date('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;

async function read(path: string): Promise<ArchiveOverview[]> {
  const out: ArchiveOverview[] = [];
  for await (const m of readMbox(path)) out.push(extractOverview(m.raw, { now, fromLine: m.fromLine ?? null }));
  return out;
}

const attribution = (over: Partial<Attribution>): Attribution => ({ style: 'wrote', line: '', name: null, address: null, date: null, timeKnown: false, zoneKnown: false, ...over });
const reply = (quotes: ThreadMessage['quotes'], a: Attribution | null): ThreadMessage => ({
  messageId: 'r@x', inReplyTo: null, references: [], date: new Date('2010-01-05T16:00:00Z'), baseSubject: 'x', isReply: true,
  author: { name: 'Carol', address: 'carol@x' }, quotes, attribution: a,
});

test('lookups: the attributed address and name words, or the date when the attribution names nobody', () => {
  const look = quoteLookups(reply([{ text: 'q', attribution: null }], attribution({ name: 'Example, Alice', address: 'Alice@Example.org' })));
  assert.ok(look);
  assert.deepEqual(look.addresses, ['alice@example.org']);
  assert.deepEqual(look.nameWords.sort(), ['alice', 'example']);
  assert.equal(look.to - new Date('2010-01-05T16:00:00Z').getTime(), 10 * 60_000);
  assert.ok(lookupsPick(look, { name: 'Alice Other', address: 'a@y' }, new Date('2010-01-05T10:00:00Z')), 'a shared name word');
  assert.ok(lookupsPick(look, { name: '', address: 'ALICE@example.org' }, new Date('2009-12-01T10:00:00Z')), 'address, any case');
  assert.ok(!lookupsPick(look, { name: 'Bob', address: 'bob@y' }, new Date('2010-01-05T10:00:00Z')));
  assert.ok(!lookupsPick(look, { name: 'Alice', address: 'alice@example.org' }, new Date('2009-09-01T10:00:00Z')), 'before the window');
  assert.ok(!lookupsPick(look, { name: 'Alice', address: 'alice@example.org' }, new Date('2010-01-05T17:00:00Z')), 'after the reply');

  const dated = quoteLookups(reply([{ text: 'q', attribution: attribution({ date: new Date('2010-01-05T09:00:00Z'), timeKnown: true }) }], null));
  assert.deepEqual(dated?.dates, [[new Date('2010-01-05T09:00:00Z').getTime() - 38 * HOUR, new Date('2010-01-05T16:10:00Z').getTime()]]);
  assert.equal(quoteLookups(reply([{ text: 'q', attribution: null }], null)), null, 'nobody and no date');
  assert.equal(quoteLookups(reply([{ text: 'q', attribution: attribution({}) }], null)), null);
});

test('shared shingles: only those some quote has, none when fewer than three', () => {
  const quoted = Uint32Array.from([2, 5, 9, 11]);
  assert.deepEqual([...(sharedWithQuotes(Uint32Array.from([1, 2, 3, 5, 9, 40]), quoted) ?? [])], [2, 5, 9]);
  assert.equal(sharedWithQuotes(Uint32Array.from([1, 2, 5, 40]), quoted), undefined);
});

/**
 * The store's way: fingerprints only for the superset, cut to the quoted shingles. Threads must be
 * exactly those of full fingerprints for every message.
 */
function sameAsFull(msgs: readonly ArchiveOverview[], label: string): number {
  const full = threadMessages(msgs);
  const slim: BulkThreadMessage[] = msgs.map((m) => ({ ...m, fingerprint: undefined }));
  const quoting = slim.flatMap((m, i) => (m.quotes.length > 0 && m.references.length === 0 && m.inReplyTo === null ? [i] : []));
  const wanted = quoteCandidateSuperset(slim, quoting);
  const quoted = quotedShingles(slim, quoting);
  for (const j of wanted) {
    const m = slim[j];
    if (m) m.fingerprint = sharedWithQuotes(msgs[j]?.fingerprint ?? new Uint32Array(0), quoted);
  }
  const cut = threadMessages(slim);
  assert.deepEqual(cut.messages, full.messages, label);
  assert.ok(wanted.length < msgs.length || msgs.length < 10, `${label}: ${wanted.length} of ${msgs.length} read`);
  return full.messages.filter((m) => m.link === 'quote').length;
}

test('threads from the superset\'s cut fingerprints equal those from every full fingerprint (fixtures)', async () => {
  for (const f of ['quote-wrote.mbox', 'quote-groupwise.mbox', 'quote-outlook.mbox']) {
    assert.equal(sameAsFull(await read(join(import.meta.dirname, 'fixtures', f)), f), 1, f);
  }
});

test('threads from the superset\'s cut fingerprints equal those from every full fingerprint (corpora)', needsCorpus, async () => {
  assert.equal(sameAsFull(await read(corpusPath('mailbox-perl-threads/mbox.src')), 'mbox.src'), 3);
  assert.ok(sameAsFull(await read(corpusPath('fedora-devel-2010-01-threads/2010-January.mbox.gz')), 'fedora') >= 1);
  assert.equal(sameAsFull(await read(corpusPath('ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz')), 'ksummit'), 2);
});
