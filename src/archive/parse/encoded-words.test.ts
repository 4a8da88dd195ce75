import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHeader } from './encoded-words.ts';

test('RFC 2047 B and Q words; whitespace between adjacent words dropped (§6.2)', () => {
  assert.equal(decodeHeader('=?UTF-8?B?w6ljaGVj?= =?UTF-8?Q?_et_mat?='), 'échec et mat');
  assert.equal(decodeHeader('Re: =?ISO-8859-1?Q?Herv=E9?= Pag=E8s'), 'Re: Hervé Pag=E8s');
  assert.equal(decodeHeader('=?gb2312?B?1tDOxA==?='), '中文');
  assert.equal(decodeHeader('=?utf-8*en?q?hi?='), 'hi');
});

test('a multibyte character split across two words survives', () => {
  // "é" is C3 A9; the first word ends after C3.
  assert.equal(decodeHeader('=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?='), 'café');
});

test('unknown charsets and broken words never throw', () => {
  assert.equal(decodeHeader('=?x-unknown-charset?Q?abc?='), 'abc');
  assert.equal(decodeHeader('=?y?B?w6k=?='), 'é');
  assert.equal(decodeHeader('=?UTF-8?B?not base64!?='), '=?UTF-8?B?not base64!?=');
  assert.equal(decodeHeader('plain'), 'plain');
});
