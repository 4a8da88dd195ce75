import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { authenticatePost, upstreamClient } from './authenticate.ts';
import { cachingResolver } from './dns-cache.ts';
import { TestZone } from './fixtures/zone.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const zone = new TestZone()
  .add('_dmarc.reject.example', 'TXT', 'v=DMARC1; p=reject')
  .add('reject.example', 'TXT', 'v=spf1 ip4:192.0.2.25 -all')
  .add('sel._domainkey.reject.example', 'TXT', `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`)
  .add('_dmarc.quiet.example', 'TXT', 'v=DMARC1; p=none');
const deps = { resolver: cachingResolver(zone.query, { now: () => 0 }), authservId: 'lists.example.org', now: () => new Date('2024-05-01T12:00:00Z') };
const post = (from: string, extra = ''): Buffer => Buffer.from(`${extra}From: ${from}\r\nTo: governance@lists.example.org\r\nSubject: hi\r\nDate: Wed, 01 May 2024 10:00:00 +0000\r\n\r\nhello\r\n`);
const smtp = (ip: string) => ({ protocol: 'smtp' as const, ip, helo: 'mail.reject.example' });

test('SPF pass from an allowed client: DMARC passes by SPF alignment', async () => {
  const s = await authenticatePost({ raw: post('rita@reject.example'), client: smtp('192.0.2.25'), envelopeFrom: 'rita@reject.example' }, deps);
  assert.deepEqual(s.spf, { result: 'pass', domain: 'reject.example' });
  assert.deepEqual(s.dmarc, { result: 'pass', policy: 'reject', domain: 'reject.example' });
  assert.deepEqual(s.dkim, []);
  assert.equal(s.authservId, 'lists.example.org');
  assert.deepEqual(s.results.map((r) => r.split(/[ (]/)[0]), ['dkim=none', 'spf=pass', 'dmarc=pass']);
  assert.match(s.results[1]!, /smtp\.mailfrom=rita@reject\.example/);
});

test('from anywhere else, unsigned: SPF and DMARC fail, under p=reject', async () => {
  const s = await authenticatePost({ raw: post('Mallory <rita@reject.example>'), client: smtp('203.0.113.9'), envelopeFrom: 'mallory@elsewhere.example' }, deps);
  assert.equal(s.spf?.result, 'none', 'the envelope domain publishes no SPF');
  assert.deepEqual(s.dmarc, { result: 'fail', policy: 'reject', domain: 'reject.example' });
  assert.match(s.results.at(-1)!, /^dmarc=fail \(p=REJECT arc=none\) header\.from=reject\.example/);
});

test('a valid aligned DKIM signature passes DMARC from any client', async () => {
  const raw = post('rita@reject.example');
  const data = { signingDomain: 'reject.example', selector: 'sel', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
  const sig = await dkimSign(raw, { ...data, signatureData: [data], signTime: deps.now() });
  const signed = Buffer.concat([Buffer.from(sig.signatures), raw]);
  const s = await authenticatePost({ raw: signed, client: smtp('203.0.113.9'), envelopeFrom: 'bounce@elsewhere.example' }, deps);
  assert.deepEqual(s.dkim, [{ result: 'pass', domain: 'reject.example', aligned: true }]);
  assert.equal(s.dmarc.result, 'pass');
  assert.match(s.results[0]!, /^dkim=pass header\.i=@reject\.example header\.s=sel/);
  const tampered = Buffer.from(signed.toString('latin1').replace('hello', 'HELLO'), 'latin1');
  const t = await authenticatePost({ raw: tampered, client: smtp('203.0.113.9'), envelopeFrom: 'bounce@elsewhere.example' }, deps);
  assert.equal(t.dkim[0]?.result, 'neutral', 'body hash mismatch');
  assert.equal(t.dmarc.result, 'fail');
});

test('no SMTP client (injected mail): SPF is not asked and DMARC cannot fail', async () => {
  const s = await authenticatePost({ raw: post('rita@reject.example'), client: null, envelopeFrom: null }, deps);
  assert.equal(s.spf, null);
  assert.equal(s.dmarc.result, 'none');
  assert.ok(!s.results.some((r) => r.startsWith('spf=') || r.startsWith('dmarc=')));
});

test('over LMTP, SPF is judged for the host our MTA received the message from', async () => {
  const received = 'Received: from mail.reject.example (mail.reject.example [192.0.2.25])\r\n\tby mx.lists.example.org (Postfix) with ESMTPS id 4F1; Wed, 01 May 2024 10:00:01 +0000\r\n';
  const s = await authenticatePost({ raw: post('rita@reject.example', received), client: { protocol: 'lmtp', ip: '127.0.0.1', helo: 'mx' }, envelopeFrom: 'rita@reject.example' }, deps);
  assert.equal(s.spf?.result, 'pass');
  assert.deepEqual(upstreamClient(post('x@y.example', received)), { ip: '192.0.2.25', helo: 'mail.reject.example' });
  assert.deepEqual(upstreamClient(Buffer.from('Received: from mail6.example (unknown\r\n [IPv6:2001:db8::1]) by mx; now\r\n\r\n')), { ip: '2001:db8::1', helo: 'mail6.example' });
  assert.equal(upstreamClient(post('x@y.example')), null);
});

test('p=none domains, garbage and several From addresses never throw', async () => {
  const quiet = await authenticatePost({ raw: post('q@quiet.example'), client: smtp('203.0.113.9'), envelopeFrom: 'q@quiet.example' }, deps);
  assert.deepEqual(quiet.dmarc, { result: 'fail', policy: 'none', domain: 'quiet.example' });
  const two = await authenticatePost({ raw: post('a@reject.example, b@quiet.example'), client: smtp('203.0.113.9'), envelopeFrom: null }, deps);
  assert.equal(two.dmarc.result, 'permerror');
  const junk = await authenticatePost({ raw: Buffer.from('\u0000\u0001 not mail at all'), client: smtp('203.0.113.9'), envelopeFrom: null }, deps);
  assert.equal(junk.dmarc.result, 'none');
});
