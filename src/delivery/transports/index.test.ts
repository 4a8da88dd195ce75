// Transport URLs: what each scheme becomes, and a clear `invalid` error naming a bad value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCaucusError } from '../../domain/errors.ts';
import { openTransport, parseSmtpUrl } from './index.ts';

test('smtp and lmtp URLs with default and explicit ports', () => {
  assert.deepEqual(parseSmtpUrl('smtp://mta.example.org'), { host: 'mta.example.org', port: 25, lmtp: false });
  assert.deepEqual(parseSmtpUrl('smtp://127.0.0.1:2525'), { host: '127.0.0.1', port: 2525, lmtp: false });
  assert.deepEqual(parseSmtpUrl('lmtp://[::1]:2424'), { host: '::1', port: 2424, lmtp: true });
  assert.deepEqual(parseSmtpUrl('lmtp://localhost'), { host: 'localhost', port: 24, lmtp: true });
  assert.deepEqual(parseSmtpUrl('smtps://relay.example.org'), { host: 'relay.example.org', port: 465, lmtp: false, tls: 'implicit' });
});

test('query parameters and credentials', () => {
  assert.deepEqual(parseSmtpUrl('smtp://u%40x:p%2Fw@relay:587?maxConnections=8&tls=starttls&name=lists.example.org'), {
    host: 'relay',
    port: 587,
    lmtp: false,
    auth: { user: 'u@x', pass: 'p/w' },
    maxConnections: 8,
    tls: 'starttls',
    name: 'lists.example.org',
  });
});

test('the client parameter picks the SMTP client', () => {
  assert.equal(parseSmtpUrl('smtp://relay?client=nodemailer').client, 'nodemailer');
  assert.equal(parseSmtpUrl('lmtp://relay?client=lean').client, 'lean');
  assert.equal(parseSmtpUrl('smtp://relay').client, undefined);
});

function assertInvalid(url: string, mentions: RegExp): void {
  assert.throws(() => openTransport(url), (e: unknown) => {
    assert.ok(isCaucusError(e));
    assert.equal(e.code, 'invalid');
    assert.ok(e.message.includes(JSON.stringify(url)), `message names the URL: ${e.message}`);
    assert.match(e.message, mentions);
    return true;
  });
}

test('bad URLs are refused with an invalid error naming the value', () => {
  assertInvalid('smtp:/oops', /host|URL/);
  assertInvalid('http://example.org', /unknown kind/);
  assertInvalid('mta.example.org:25', /unknown kind/);
  assertInvalid('smtp://relay:25?maxConnections=0', /maxConnections must be a positive integer, got "0"/);
  assertInvalid('smtp://relay:25?maxConnections=lots', /maxConnections/);
  assertInvalid('smtp://relay:25?tls=maybe', /tls must be/);
  assertInvalid('smtp://relay:25?pool=1', /unknown parameter "pool"/);
  assertInvalid('smtp://relay:25/path', /unexpected path/);
  assertInvalid('smtp://relay:25?client=postfix', /client must be lean or nodemailer, got "postfix"/);
  assertInvalid('smtp://relay:25?client=lean&tls=starttls', /neither TLS nor AUTH/);
  assertInvalid('smtp://u:p@relay:25?client=lean', /neither TLS nor AUTH/);
  assertInvalid('maildir:', /no folder/);
  assertInvalid('', /unknown kind/);
});

test('maildir:PATH and smtp URLs open transports', async () => {
  const m = openTransport('maildir:/tmp/caucus-never-written');
  const s = openTransport('smtp://127.0.0.1:25');
  assert.equal(typeof m.send, 'function');
  assert.equal(typeof s.send, 'function');
  await m.close();
  await s.close();
});
