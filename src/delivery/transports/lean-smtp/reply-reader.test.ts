// Reply framing: split across chunks, multi-line, bare LF, UTF-8 split mid-character, bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, ReplyReader } from './reply-reader.ts';

function reader(max?: number): { r: ReplyReader; got: string[] } {
  const got: string[] = [];
  return { r: new ReplyReader((x) => got.push(x), max), got };
}

test('several replies in one chunk, one reply across chunks', () => {
  const { r, got } = reader();
  r.push(Buffer.from('250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n35'));
  assert.deepEqual(got, ['250 2.1.0 Ok', '250 2.1.5 Ok']);
  r.push(Buffer.from('4 End data with <CR><LF>.<CR><LF>\r\n'));
  assert.deepEqual(got.at(-1), '354 End data with <CR><LF>.<CR><LF>');
});

test('multi-line replies are joined; a bare code ends a reply; bare LF is tolerated', () => {
  const { r, got } = reader();
  r.push(Buffer.from('250-mx.example.org\r\n250-PIPELINING\r\n250 8BITMIME\r\n250\n'));
  assert.deepEqual(got, ['250-mx.example.org\n250-PIPELINING\n250 8BITMIME', '250']);
});

test('a UTF-8 character split between chunks survives', () => {
  const { r, got } = reader();
  const bytes = Buffer.from('550 5.1.1 unknown user “bob”\r\n');
  r.push(bytes.subarray(0, 24));
  r.push(bytes.subarray(24));
  assert.deepEqual(got, ['550 5.1.1 unknown user “bob”']);
});

test('a line that is not a reply is a protocol error', () => {
  const { r } = reader();
  assert.throws(() => r.push(Buffer.from('hello there\r\n')), ProtocolError);
});

test('an endless reply is cut off', () => {
  const { r } = reader(100);
  assert.throws(() => {
    for (let i = 0; i < 20; i++) r.push(Buffer.from('250-xxxxxxxxxxxxxxxx\r\n'));
  }, /longer than 100 bytes/);
  const { r: r2 } = reader(100);
  assert.throws(() => r2.push(Buffer.alloc(200, 0x41)), /longer than 100 bytes/);
});
