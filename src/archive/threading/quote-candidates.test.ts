import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attribution } from '../quotes/attribution.ts';
import { lookupsPick, quoteLookups } from './quote-candidates.ts';
import type { ThreadMessage } from './types.ts';

const HOUR = 3_600_000;

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
