import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, encodeText, isAsciiCompatible } from './charset.ts';

test('encodes text in a charset only when every character fits', () => {
  assert.deepEqual(encodeText('café', 'iso-8859-1'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  assert.equal(encodeText('café €', 'iso-8859-1'), null);
  assert.equal(encodeText('é', 'us-ascii'), null);
  assert.equal(encodeText('x', 'no-such-charset'), null);
  assert.equal(encodeText('€', 'utf-8')?.length, 3);
});

test('decodes in the declared charset, and leniently when it is missing or unknown', () => {
  assert.equal(decodeText(Buffer.from([0x63, 0xe9]), 'iso-8859-1'), 'cé');
  assert.equal(decodeText(Buffer.from('cé', 'utf8'), null), 'cé');
  assert.equal(decodeText(Buffer.from([0x63, 0xe9]), 'x-unknown'), 'cé');
});

test('knows which charsets keep ASCII bytes as they are', () => {
  for (const cs of ['utf-8', 'us-ascii', 'iso-8859-15', 'windows-1252', 'koi8-r', 'shift_jis', 'gb2312']) assert.equal(isAsciiCompatible(cs), true, cs);
  for (const cs of ['utf-16le', 'utf-7', 'cp037', 'bogus']) assert.equal(isAsciiCompatible(cs), false, cs);
});
