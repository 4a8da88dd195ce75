import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCharset, normaliseCharset } from './charset.ts';

test('labels in the wild', () => {
  assert.equal(decodeCharset(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'iso-8859-1'), 'café');
  assert.equal(decodeCharset(Buffer.from([0x93, 0x71, 0x94]), 'ISO-8859-1'), '\u201cq\u201d', 'iso-8859-1 is read as windows-1252');
  assert.equal(decodeCharset(Buffer.from('中文', 'utf8'), '"UTF-8"'), '中文');
  assert.equal(decodeCharset(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), 'gb2312'), '中文');
  assert.equal(normaliseCharset(' "UTF-8*en" '), 'utf-8');
});

test('us-ascii or unknown labels with 8-bit bytes: UTF-8 when valid, else windows-1252', () => {
  assert.equal(decodeCharset(Buffer.from('é', 'utf8'), 'us-ascii'), 'é');
  assert.equal(decodeCharset(Buffer.from([0xe9]), 'us-ascii'), 'é');
  assert.equal(decodeCharset(Buffer.from([0xe9]), 'y'), 'é');
  assert.equal(decodeCharset(Buffer.from('é', 'utf8'), 'x-bogus'), 'é');
  assert.equal(decodeCharset(Buffer.from('+AOk-', 'latin1'), 'utf-7'), 'é', 'iconv-lite covers what TextDecoder lacks');
});
