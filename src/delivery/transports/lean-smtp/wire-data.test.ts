// Data encoding: the clean fast path is not copied; LF, bare CR and leading dots are fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wireData } from './wire-data.ts';

const wire = (s: string): string => Buffer.concat(wireData(Buffer.from(s, 'latin1'))).toString('latin1');

test('clean CRLF mail passes through uncopied, followed by the end line', () => {
  const raw = Buffer.from('Subject: a\r\n\r\nbody\r\n');
  const chunks = wireData(raw);
  assert.equal(chunks[0], raw);
  assert.equal(Buffer.concat(chunks).toString(), 'Subject: a\r\n\r\nbody\r\n.\r\n');
});

test('a missing final line end is added before the end line', () => {
  assert.equal(wire('Subject: a\r\n\r\nbody'), 'Subject: a\r\n\r\nbody\r\n.\r\n');
});

test('leading dots are doubled, on the first line too', () => {
  assert.equal(wire('.first\r\n\r\n.\r\n..two\r\nx.y\r\n'), '..first\r\n\r\n..\r\n...two\r\nx.y\r\n.\r\n');
});

test('bare LF and bare CR become CRLF, and a dot after either is stuffed', () => {
  assert.equal(wire('a\nb\r\nc\n.d\n'), 'a\r\nb\r\nc\r\n..d\r\n.\r\n');
  assert.equal(wire('a\r.\rb'), 'a\r\n..\r\nb\r\n.\r\n');
});

test('8-bit bytes are left alone', () => {
  assert.equal(wire('caf\xe9\n'), 'caf\xe9\r\n.\r\n');
});

test('an empty message is just the end line', () => {
  assert.equal(wire(''), '.\r\n');
});
