import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, decodeQuotedPrintable, encodeBase64, encodeQuotedPrintable } from './transfer-encoding.ts';

// A small deterministic generator, so the round-trip inputs are the same on every run.
function bytes(seed: number, n: number, alphabet?: number[]): Buffer {
  let x = seed >>> 0;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = alphabet ? (alphabet[x % alphabet.length] ?? 0) : x >>> 24;
  }
  return out;
}

test('decodes quoted-printable octets and soft line breaks', () => {
  assert.equal(decodeQuotedPrintable(Buffer.from('caf=C3=A9 =\r\nau lait=\nnoir\r\n')).toString(), 'café au laitnoir\r\n');
  assert.equal(decodeQuotedPrintable(Buffer.from('a=3d=3Db')).toString(), 'a==b');
  assert.equal(decodeQuotedPrintable(Buffer.from('50% =ZZ off=')).toString(), '50% =ZZ off');
  assert.equal(decodeQuotedPrintable(Buffer.from('soft =  \r\nbreak')).toString(), 'soft break');
});

test('encodes quoted-printable in lines of at most 76 with the given line ending', () => {
  const text = Buffer.from(`${'é'.repeat(60)} trailing \nFrom here\n=\n`, 'utf8');
  const crlf = encodeQuotedPrintable(text, '\r\n').toString('latin1');
  for (const line of crlf.split('\r\n')) assert.ok(line.length <= 76, line);
  assert.match(crlf, /trailing=20\r\n/);
  assert.match(crlf, /\r\n=46rom here\r\n=3D\r\n$/);
  assert.equal(decodeQuotedPrintable(Buffer.from(crlf, 'latin1')).toString('utf8'), text.toString('utf8').replace(/\n/g, '\r\n'));
  assert.equal(encodeQuotedPrintable(Buffer.from('a\r\nb'), '\n').toString(), 'a\nb');
});

test('quoted-printable round-trips arbitrary text lines', () => {
  const alphabet = [9, 10, 32, 61, 46, 70, ...Array.from({ length: 40 }, (_, i) => 40 + i), 0xc3, 0xa9, 0xff, 0];
  for (let seed = 1; seed <= 40; seed++) {
    const input = bytes(seed, 500, alphabet);
    const enc = encodeQuotedPrintable(input, '\n');
    for (const line of enc.toString('latin1').split('\n')) assert.ok(line.length <= 76);
    assert.ok(!/[\x80-\xff]/.test(enc.toString('latin1')));
    assert.deepEqual(decodeQuotedPrintable(enc), input);
  }
});

test('base64 round-trips binary data and skips junk on decode', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const input = bytes(seed, 300 + seed);
    const enc = encodeBase64(input, '\r\n');
    for (const line of enc.toString().split('\r\n')) assert.ok(line.length <= 76);
    assert.deepEqual(decodeBase64(enc), input);
  }
  assert.equal(decodeBase64(Buffer.from('aGVs\r\nbG8=\r\n')).toString(), 'hello');
  assert.equal(decodeBase64(Buffer.from('aGVsbG8=\r\nIHdvcmxk\r\n')).toString(), 'hello world');
  assert.equal(decodeBase64(Buffer.from('aGVs*bG8')).toString(), 'hello');
});
