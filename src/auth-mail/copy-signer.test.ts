// Our DKIM signatures and ARC sets, checked by an independent verifier (mailauth) against the
// records `dnsRecord` publishes, over awkward inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate, dkimVerify, sealMessage } from 'mailauth';
import type { DNSResolver } from 'mailauth';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import { relaxedBody, relaxedHeader } from './canonicalize.ts';
import { signCopy, signerForList } from './copy-signer.ts';
import { cachingResolver } from './dns-cache.ts';
import { DkimKeyring, dnsRecord, generateKeyPem, recordFromZoneLine, signingKey, zoneLine } from './dkim-keys.ts';
import { TestZone } from './fixtures/zone.ts';

const NOW = new Date('2024-05-01T12:00:00Z');
const rsa = signingKey('lists.example.org', 'rsa1', generateKeyPem('rsa', 2048));
const ed = signingKey('lists.example.org', 'ed1', generateKeyPem('ed25519'));
const upstream = signingKey('upstream.example', 'up', generateKeyPem('rsa', 2048));
const zone = new TestZone();
for (const k of [rsa, ed, upstream]) zone.add(`${k.selector}._domainkey.${k.domain}`, 'TXT', recordFromZoneLine(zoneLine(k.domain, k.selector, dnsRecord(k.key))));
const resolver = cachingResolver(zone.query, { now: () => 0 }) as unknown as DNSResolver;

const copy = (eol = '\r\n', body = 'Hello list.\r\n'): Buffer =>
  Buffer.from(
    [
      'Authentication-Results: lists.example.org;',
      ' spf=pass smtp.mailfrom=rita@reject.example',
      'Received: from a.example by lists.example.org; Wed, 01 May 2024 10:00:00 +0000',
      'From: "Rita via Governance" <governance@lists.example.org>',
      'X-Original-From: Rita <rita@reject.example>',
      'To:   governance@lists.example.org ',
      'Subject: [governance]\tfolded',
      '  subject  line',
      'Date: Wed, 01 May 2024 10:00:00 +0000',
      'Message-ID: <m1@reject.example>',
      'List-Id: Governance <governance.lists.example.org>',
      'List-Unsubscribe: <mailto:governance-leave@lists.example.org>,',
      ' <https://lists.example.org/u/tok>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      '',
      '',
    ].join(eol).replace(/\r?\n\r?\n$/, eol + eol) + body,
    'latin1',
  );

async function dkimResults(raw: Buffer) {
  return (await dkimVerify(raw, { resolver, curTime: NOW })).results;
}

test('RSA and Ed25519 signatures verify, with List-Unsubscribe(-Post) signed', async () => {
  for (const key of [rsa, ed]) {
    const signed = await signCopy(copy(), { key, dkim: true, arc: false, authservId: 'lists.example.org', now: () => NOW });
    const [r] = await dkimResults(signed);
    assert.equal(r?.status.result, 'pass', key.algorithm);
    assert.equal(r?.signingDomain, 'lists.example.org');
    const h = /\bh=([^;]+);/.exec(signed.toString('latin1').replace(/\r\n[ \t]/g, ' '))?.[1]?.replace(/\s/g, '').split(':') ?? [];
    for (const name of ['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post', 'x-original-from']) assert.ok(h.includes(name), name);
    assert.equal(h.filter((n) => n === 'from').length, 2, 'From is over-signed');
    for (const line of signed.toString('latin1').split('\r\n')) assert.ok(line.length <= 78, `line too long: ${line}`);
  }
});

test('a header added after signing, or a body changed, fails', async () => {
  const signed = await signCopy(copy(), { key: rsa, dkim: true, arc: false, authservId: 'lists.example.org', now: () => NOW });
  const addedFrom = Buffer.concat([signed, Buffer.alloc(0)]).toString('latin1').replace('\r\n\r\n', '\r\nFrom: evil@example.net\r\n\r\n');
  assert.notEqual((await dkimResults(Buffer.from(addedFrom, 'latin1')))[0]?.status.result, 'pass');
  const changedBody = signed.toString('latin1').replace('Hello list.', 'Hello LIST.');
  assert.notEqual((await dkimResults(Buffer.from(changedBody, 'latin1')))[0]?.status.result, 'pass');
});

test('LF line endings, trailing blanks, empty and 8-bit bodies all verify', async () => {
  const bodies = ['Hello  list. \t\n\n  indented\n\n\n', '', 'Grüße aus Köln\r\n\r\n', 'no final newline'];
  for (const [eol, body] of [['\n', bodies[0]], ['\r\n', bodies[1]], ['\r\n', bodies[2]], ['\r\n', bodies[3]]] as const) {
    const signed = await signCopy(copy(eol, body ?? ''), { key: rsa, dkim: true, arc: false, authservId: 'lists.example.org', now: () => NOW });
    assert.equal((await dkimResults(signed))[0]?.status.result, 'pass', JSON.stringify(body));
    if (eol === '\n') assert.ok(!signed.includes('\r'), 'the signature field keeps the copy\'s line ending');
  }
});

test('relaxed canonicalization by hand (RFC 6376 §3.4.5 example)', () => {
  assert.equal(relaxedHeader('A: X\r\n'), 'a:X\r\n');
  assert.equal(relaxedHeader('B : Y\t\r\n\tZ  \r\n'), 'b:Y Z\r\n');
  assert.equal(relaxedBody(Buffer.from(' C \r\nD \t E\r\n\r\n\r\n')).toString(), ' C\r\nD E\r\n');
  assert.equal(relaxedBody(Buffer.from('\r\n\r\n')).length, 0);
});

test('ARC: a first set (cv=none) and a set extending a valid chain (cv=pass) both verify', async () => {
  const first = await signCopy(copy(), { key: rsa, dkim: true, arc: true, authservId: 'lists.example.org', now: () => NOW });
  assert.match(first.toString('latin1'), /^ARC-Seal: i=1; a=rsa-sha256; t=\d+; cv=none;/);
  assert.match(first.toString('latin1'), /\r\nARC-Authentication-Results: i=1; lists\.example\.org; spf=pass/);
  const r1 = await authenticate(first, { resolver, ip: '127.0.0.1', helo: 'x', sender: 'b@lists.example.org', mta: 'mx.example.net', disableBimi: true });
  assert.equal(r1.arc && r1.arc.status.result, 'pass');

  // An upstream hop sealed the post; we saw that chain pass when it came in.
  const inbound = Buffer.from('From: rita@reject.example\r\nTo: governance@lists.example.org\r\nSubject: hop\r\n\r\nbody\r\n');
  const upstreamSet = await sealMessage(inbound, { signingDomain: upstream.domain, selector: upstream.selector, privateKey: upstream.key.export({ type: 'pkcs8', format: 'pem' }), cv: 'none', authResults: 'upstream.example; spf=pass', signTime: NOW } as Parameters<typeof sealMessage>[1]);
  const withChain = Buffer.concat([Buffer.from('Authentication-Results: lists.example.org; arc=pass (i=1)\r\n'), upstreamSet, inbound]);
  const second = await signCopy(withChain, { key: rsa, dkim: false, arc: true, authservId: 'lists.example.org', now: () => NOW });
  assert.match(second.toString('latin1'), /^ARC-Seal: i=2; a=rsa-sha256; t=\d+; cv=pass;/);
  const r2 = await authenticate(second, { resolver, ip: '127.0.0.1', helo: 'x', sender: 'b@lists.example.org', mta: 'mx.example.net', disableBimi: true });
  assert.equal(r2.arc && r2.arc.status.result, 'pass');
  assert.equal(r2.arc && r2.arc.i, 2);

  // A chain we did not see pass is not extended; the DKIM signature still goes on.
  const unknown = Buffer.concat([upstreamSet, inbound]);
  const third = await signCopy(unknown, { key: rsa, dkim: true, arc: true, authservId: 'lists.example.org', now: () => NOW });
  assert.ok(!/^ARC-Seal: i=2/m.test(third.toString('latin1')));
  assert.ok(third.toString('latin1').startsWith('DKIM-Signature:'));
});

test('the keyring: keys saved per domain, the active one served, refreshed after a minute', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-dkim-'));
  try {
    let t = 0;
    const ring = new DkimKeyring(dir, () => t);
    assert.equal(await ring.forDomain('lists.example.org'), null);
    await ring.save('Lists.Example.org', 's1', generateKeyPem('ed25519'), true);
    assert.equal((await ring.forDomain('lists.example.org'))?.selector, 's1');
    assert.equal(statSync(join(dir, 'lists.example.org', 's1.pem')).mode & 0o777, 0o600);
    await assert.rejects(ring.save('lists.example.org', 's1', generateKeyPem('ed25519'), true), /EEXIST/);
    await assert.rejects(ring.save('../etc', 's2', generateKeyPem('ed25519'), true), /not a domain/);
    await ring.save('lists.example.org', 's2', generateKeyPem('ed25519'), false);
    assert.equal((await ring.forDomain('lists.example.org'))?.selector, 's1', 'a new key is not used until activated');
    const other = new DkimKeyring(dir, () => t);
    await other.save('lists.example.org', 's3', generateKeyPem('ed25519'), true);
    assert.equal((await ring.forDomain('lists.example.org'))?.selector, 's1', 'cached');
    t += 60_001;
    assert.equal((await ring.forDomain('lists.example.org'))?.selector, 's3');

    const list: MailingList = { id: 1, name: 'governance', domain: 'news.lists.example.org', address: 'governance@news.lists.example.org', settings: defaultListSettings(), createdAt: NOW };
    const signer = await signerForList(ring, list, 'lists.example.org', () => NOW);
    assert.ok(signer, 'a parent domain\'s key signs');
    assert.match((await signer(copy())).toString('latin1'), /^DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed\/relaxed; d=lists\.example\.org;\r\n s=s3;/);
    assert.equal(await signerForList(ring, { ...list, settings: { ...list.settings, dkimSign: false } }, 'lists.example.org', () => NOW), null);
    assert.equal(await signerForList(ring, { ...list, domain: 'elsewhere.example' }, 'lists.example.org', () => NOW), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('relaxed body: the fast path agrees with the rule, line by line, on random bodies', () => {
  const reference = (b: string): string => {
    const lines = b.split(/\r?\n/).map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
  };
  const alphabet = ['a', 'b', ' ', '  ', '\t', '\r\n', '\n', '\r', 'é'];
  let seed = 7;
  const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < 3000; i++) {
    const body = Array.from({ length: rand(24) }, () => alphabet[rand(alphabet.length)]).join('');
    assert.equal(relaxedBody(Buffer.from(body, 'latin1')).toString('latin1'), reference(body), JSON.stringify(body));
  }
});
