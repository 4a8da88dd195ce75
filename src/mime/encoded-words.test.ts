import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEncodedWords, encodedWordCharsets, encodePhrase, encodeWords, unstructuredTokens } from './encoded-words.ts';

test('decodes Q and B words, joining adjacent words without the space between them', () => {
  assert.equal(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard'), 'André Pirard');
  assert.equal(decodeEncodedWords('=?utf-8?B?w6k=?= =?utf-8?B?w6k=?='), 'éé');
  assert.equal(decodeEncodedWords('plain text'), 'plain text');
});

test('lists the charsets of the encoded words', () => {
  assert.deepEqual(encodedWordCharsets('=?ISO-8859-1?Q?a?= x =?utf-8*en?B?YQ==?='), ['iso-8859-1', 'utf-8']);
});

test('encodes in the requested charset, falling back to UTF-8, each word within 75 characters', () => {
  assert.deepEqual(encodeWords('café', 'iso-8859-1'), ['=?iso-8859-1?Q?caf=E9?=']);
  assert.deepEqual(encodeWords('€', 'iso-8859-1'), ['=?UTF-8?B?4oKs?=']);
  const long = 'Ünïcödé '.repeat(20).trim();
  const words = encodeWords(long);
  assert.ok(words.length > 1);
  for (const w of words) assert.ok(w.length <= 75, w);
  assert.equal(decodeEncodedWords(words.join(' ')), long);
  // Mostly non-Latin text is shorter in B.
  assert.match(encodeWords('Привет мир')[0] ?? '', /\?B\?/);
});

test('never splits a multi-byte character between two words', () => {
  const text = '日本語のテキスト'.repeat(6);
  const words = encodeWords(text);
  for (const w of words) assert.equal(decodeEncodedWords(w).includes('\uFFFD'), false);
  assert.equal(decodeEncodedWords(words.join(' ')), text);
});

test('unstructured tokens: ASCII words as they are, non-ASCII runs encoded with their inner spaces', () => {
  const tokens = unstructuredTokens('[x] Re: déjà vu again');
  assert.deepEqual(tokens.slice(0, 2), ['[x]', 'Re:']);
  assert.equal(tokens.at(-1), 'again');
  assert.equal(decodeEncodedWords(tokens.join(' ')), '[x] Re: déjà vu again');
  // Text that looks like an encoded word is encoded so it reads back literally.
  assert.equal(decodeEncodedWords(unstructuredTokens('=?a?Q?b?=').join(' ')), '=?a?Q?b?=');
});

test('phrases: atoms as they are, specials quoted, non-ASCII encoded', () => {
  assert.equal(encodePhrase('Ann Example'), 'Ann Example');
  assert.equal(encodePhrase('Example, Ann'), '"Example, Ann"');
  assert.equal(encodePhrase('Say "hi"'), '"Say \\"hi\\""');
  assert.equal(decodeEncodedWords(encodePhrase('Zoë Ä')), 'Zoë Ä');
});
