import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMimeValue } from './mime-params.ts';

test('type and parameters, quoted strings with ; and escapes', () => {
  const v = parseMimeValue('Multipart/Mixed; boundary="a;b\\"c"; charset=UTF-8');
  assert.equal(v.value, 'multipart/mixed');
  assert.equal(v.params.get('boundary'), 'a;b"c');
  assert.equal(v.params.get('charset'), 'UTF-8');
  assert.equal(parseMimeValue('multipart/mixed;; boundary=x').params.get('boundary'), 'x');
  assert.equal(parseMimeValue(null).value, '');
  assert.equal(parseMimeValue('text/plain; junk; name = "a b.txt"').params.get('name'), 'a b.txt');
});

test('RFC 2231 continuations and charset encoding, and RFC 2047 in quoted names', () => {
  const v = parseMimeValue("attachment; filename*0*=UTF-8''todo-d%C3%A9; filename*1*=jeuner.txt");
  assert.equal(v.value, 'attachment');
  assert.equal(v.params.get('filename'), 'todo-déjeuner.txt');
  assert.equal(parseMimeValue("attachment; filename*=iso-8859-1'fr'caf%E9.txt").params.get('filename'), 'café.txt');
  assert.equal(parseMimeValue('attachment; filename="=?UTF-8?B?w6ljaGVjLnR4dA==?="').params.get('filename'), 'échec.txt');
});
