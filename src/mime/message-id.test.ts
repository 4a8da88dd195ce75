import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessageId, stableMessageId } from './message-id.ts';

test('reads the id between angle brackets, or a bare id', () => {
  assert.equal(parseMessageId(' <abc@example.org> (comment)'), 'abc@example.org');
  assert.equal(parseMessageId('abc@example.org'), 'abc@example.org');
  assert.equal(parseMessageId(''), null);
  assert.equal(parseMessageId('no id here'), null);
});

test('a stable id depends only on the bytes and the host name', () => {
  const a = stableMessageId(Buffer.from('x'), 'lists.example.org');
  assert.equal(a, stableMessageId(Buffer.from('x'), 'lists.example.org'));
  assert.notEqual(a, stableMessageId(Buffer.from('y'), 'lists.example.org'));
  assert.match(a, /^[0-9a-f]{32}\.caucus@lists\.example\.org$/);
});
