import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanReferences, messageIdsIn, normaliseMessageId, parseMessageId } from './message-ids.ts';

test('Message-ID: bracketed, bare, and loose forms', () => {
  assert.equal(parseMessageId(' <abc@example.org> '), 'abc@example.org');
  assert.equal(parseMessageId('abc@example.org'), 'abc@example.org');
  assert.equal(parseMessageId('<a04310102b5099e5b4e3f@[207.29.200.50]>'), 'a04310102b5099e5b4e3f@[207.29.200.50]');
  assert.equal(parseMessageId('<no-at-sign-but-unique>'), 'no-at-sign-but-unique');
  assert.equal(parseMessageId(''), null);
  assert.equal(parseMessageId(null), null);
});

test('In-Reply-To prose and truncated ids (HyperKitty cases)', () => {
  assert.deepEqual(messageIdsIn("Other person's message of  Saturday, 7 April 2007 00:53:46 +0300 <200704070053.46646.other.person@example.com>"),
    ['200704070053.46646.other.person@example.com']);
  assert.deepEqual(messageIdsIn('<200704070053.46646.other.person@example'), []);
  assert.deepEqual(messageIdsIn('<NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com>; from cknoos@atg.com on Thu, Mar 30, 2000 at 06:27:54PM -0500'),
    ['NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com']);
});

test('References cleaned: order kept, duplicates and self dropped, long chains capped', () => {
  assert.deepEqual(cleanReferences('<a@x> <b@x>\n <a@x> <self@x> junk <c@x>', 'self@x'), ['a@x', 'b@x', 'c@x']);
  const long = Array.from({ length: 150 }, (_, i) => `<m${i}@x>`).join(' ');
  const capped = cleanReferences(long, null);
  assert.equal(capped.length, 100);
  assert.equal(capped[0], 'm0@x');
  assert.equal(capped[99], 'm149@x');
});

test('ids as users type them (Mail::Box lookups)', () => {
  assert.equal(normaliseMessageId('<NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com>'), 'NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com');
  assert.equal(normaliseMessageId('NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com'), 'NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com');
  assert.equal(normaliseMessageId('garbage <NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com> trash'), 'NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com');
  assert.equal(normaliseMessageId('two words'), null);
});
