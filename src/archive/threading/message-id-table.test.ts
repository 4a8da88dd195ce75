import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageIdTable } from './message-id-table.ts';

test('ids are numbered in order, found again, and read back exactly', () => {
  const t = new MessageIdTable();
  const ids = ['a@x', 'b@x', 'Ünïcode@exämple.org', '日本語@例え.jp', '', 'A@X'];
  assert.deepEqual(ids.map((id) => t.intern(id)), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(ids.map((id) => t.intern(id)), [0, 1, 2, 3, 4, 5], 'interning again gives the same number');
  assert.deepEqual(ids.map((id) => t.find(id)), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(ids.map((_, k) => t.text(k)), ids);
  assert.equal(t.find('c@x'), -1);
  assert.equal(t.find('a@'), -1, 'a prefix is another id');
  assert.equal(t.size, 6);
});

test('a million ids: the table grows, chunks fill, nothing is confused', () => {
  const t = new MessageIdTable();
  const id = (i: number): string => `${i.toString(36)}.${((i * 2654435761) >>> 0).toString(16)}@mail${i % 7}.example.com`;
  const n = 1_000_000;
  for (let i = 0; i < n; i++) assert.equal(t.intern(id(i)), i);
  assert.equal(t.size, n);
  for (let i = 0; i < n; i += 997) {
    assert.equal(t.find(id(i)), i);
    assert.equal(t.text(i), id(i));
  }
  assert.equal(t.find(id(n)), -1);
});

test('long ids and ids with a lone surrogate are kept as they are', () => {
  const t = new MessageIdTable();
  const long = `${'x'.repeat(10_000)}@y`;
  const lone = 'a\uD800@x';
  const other = 'a\uDBFF@x';
  // All three encode to the same UTF-8 bytes: U+FFFD for the lone surrogate.
  const replaced = 'a\uFFFD@x';
  const k = [t.intern(long), t.intern(lone), t.intern(other), t.intern(replaced)];
  assert.deepEqual(k, [0, 1, 2, 3]);
  assert.equal(t.text(0), long);
  assert.equal(t.text(1), lone);
  assert.equal(t.text(2), other);
  assert.equal(t.text(3), replaced);
  assert.deepEqual([long, lone, other, replaced].map((s) => t.find(s)), [0, 1, 2, 3]);
  assert.equal(t.find(`${'x'.repeat(10_000)}@z`), -1);
});
