import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLineEnding, findHeaderEnd, isFieldStart, splitMessage } from './split-message.ts';

test('splits a CRLF message at the empty line and keeps every byte', () => {
  const raw = Buffer.from('Subject: hi\r\nX-A: 1\r\n\r\nbody\r\n');
  const s = splitMessage(raw);
  assert.equal(s.header.toString(), 'Subject: hi\r\nX-A: 1\r\n');
  assert.equal(s.separator.toString(), '\r\n');
  assert.equal(s.body.toString(), 'body\r\n');
  assert.equal(s.eol, '\r\n');
  assert.deepEqual(Buffer.concat([s.header, s.separator, s.body]), raw);
});

test('splits an LF message and reports LF', () => {
  const s = splitMessage(Buffer.from('Subject: hi\n\nbody\n'));
  assert.equal(s.eol, '\n');
  assert.equal(s.separator.toString(), '\n');
  assert.equal(s.body.toString(), 'body\n');
});

test('a message without a body has no separator', () => {
  const s = splitMessage(Buffer.from('Subject: hi\r\nX: y\r\n'));
  assert.equal(s.header.toString(), 'Subject: hi\r\nX: y\r\n');
  assert.equal(s.separator.length, 0);
  assert.equal(s.body.length, 0);
});

test('a line that is not a field ends the header block without a separator', () => {
  const s = splitMessage(Buffer.from('Subject: hi\nthis is text\n'));
  assert.equal(s.header.toString(), 'Subject: hi\n');
  assert.equal(s.separator.length, 0);
  assert.equal(s.body.toString(), 'this is text\n');
});

test('folded continuation lines stay in the header block', () => {
  const { headerEnd } = findHeaderEnd(Buffer.from('Subject: a\r\n  b\r\n\r\nx'), 0, 21);
  assert.equal(headerEnd, 17);
});

test('field names: printable ASCII up to a colon, obsolete WSP before the colon', () => {
  assert.equal(isFieldStart(Buffer.from('X-Foo: 1'), 0, 8), true);
  assert.equal(isFieldStart(Buffer.from('Subject : 1'), 0, 11), true);
  assert.equal(isFieldStart(Buffer.from('From me'), 0, 7), false);
  assert.equal(isFieldStart(Buffer.from(': x'), 0, 3), false);
});

test('line ending defaults to CRLF when there is no line break', () => {
  assert.equal(detectLineEnding(Buffer.from('abc')), '\r\n');
  assert.equal(detectLineEnding(Buffer.from('a\nb\r\n')), '\n');
});
