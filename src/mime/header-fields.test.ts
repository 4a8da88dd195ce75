import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fieldValue,
  getField,
  getFields,
  getValue,
  makeField,
  parseHeaderFields,
  removeFields,
  replaceField,
  serializeHeaders,
} from './header-fields.ts';

const block = Buffer.from('Received: from a\r\n\tby b; Mon, 1 Jan 2024\r\nSubject: hello\r\n  world\r\nX-Latin: caf\xe9\r\nsubject: second\r\n', 'latin1');

test('parses fields with their folded raw bytes and round-trips exactly', () => {
  const fields = parseHeaderFields(block);
  assert.deepEqual(fields.map((f) => f.name), ['Received', 'Subject', 'X-Latin', 'subject']);
  assert.equal(fields[1]?.raw.toString(), 'Subject: hello\r\n  world\r\n');
  assert.deepEqual(serializeHeaders(fields), block);
});

test('unfolds values and reads 8-bit bytes as UTF-8 or Latin-1', () => {
  const fields = parseHeaderFields(block);
  assert.equal(getValue(fields, 'subject'), 'hello  world');
  assert.equal(getValue(fields, 'x-latin'), 'café');
  assert.equal(fieldValue(parseHeaderFields(Buffer.from('X: ünï\n'))[0]!), 'ünï');
  assert.equal(getFields(fields, 'SUBJECT').length, 2);
});

test('removing or replacing a field leaves the other fields byte for byte', () => {
  const fields = parseHeaderFields(block);
  const removed = removeFields(fields, ['x-latin']);
  assert.equal(serializeHeaders(removed).toString('latin1'), block.toString('latin1').replace('X-Latin: caf\xe9\r\n', ''));
  const replaced = replaceField(fields, makeField('Subject', 'new', '\r\n'));
  assert.equal(
    serializeHeaders(replaced).toString('latin1'),
    'Received: from a\r\n\tby b; Mon, 1 Jan 2024\r\nSubject: new\r\nX-Latin: caf\xe9\r\n',
  );
  assert.equal(getField(replaceField(fields, makeField('X-New', 'v', '\n')), 'x-new')?.raw.toString(), 'X-New: v\n');
});

test('makeField folds at whitespace within 78 characters and keeps long tokens whole', () => {
  const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const f = makeField('Subject', words, '\r\n');
  const lines = f.raw.toString().split('\r\n').slice(0, -1);
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(l.length <= 78, l);
  assert.equal(fieldValue(f), words);
  const long = 'x'.repeat(120);
  assert.equal(makeField('X', ['a', long], '\n').raw.toString(), `X: a\n ${long}\n`);
});
