import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachingResolver, DnsError } from './dns-cache.ts';
import type { DnsQuery } from './dns-cache.ts';
import { TestZone } from './fixtures/zone.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (s: number) => void (t += s * 1000) };
}

test('an answer is cached for its TTL, then asked again', async () => {
  const zone = new TestZone().add('_dmarc.example.com', 'TXT', 'v=DMARC1; p=reject', 300);
  const c = clock();
  const resolve = cachingResolver(zone.query, { now: c.now });
  assert.deepEqual(await resolve('_dmarc.example.com', 'TXT'), [['v=DMARC1; p=reject']]);
  assert.deepEqual(await resolve('_DMARC.Example.com.', 'txt'), [['v=DMARC1; p=reject']], 'names and types compare without case');
  assert.equal(resolve.queries(), 1);
  c.advance(299);
  await resolve('_dmarc.example.com', 'TXT');
  assert.equal(resolve.queries(), 1);
  c.advance(2);
  await resolve('_dmarc.example.com', 'TXT');
  assert.equal(resolve.queries(), 2, 'asked again once the TTL ran out');
});

test('negative answers are cached with the TTL they carry (RFC 2308), and keep their code', async () => {
  const zone = new TestZone().add('example.com', 'A', '192.0.2.1');
  const c = clock();
  const resolve = cachingResolver(zone.query, { now: c.now });
  await assert.rejects(resolve('_dmarc.nowhere.example', 'TXT'), (e: DnsError) => e.code === 'ENOTFOUND');
  await assert.rejects(resolve('example.com', 'TXT'), (e: DnsError) => e.code === 'ENODATA');
  await assert.rejects(resolve('_dmarc.nowhere.example', 'TXT'), (e: DnsError) => e.code === 'ENOTFOUND');
  assert.equal(resolve.queries(), 2);
  c.advance(61);
  await assert.rejects(resolve('_dmarc.nowhere.example', 'TXT'));
  assert.equal(resolve.queries(), 3);
});

test('failures are not cached; a TTL of 0 is not kept; a TTL is capped', async () => {
  let calls = 0;
  let ttl = 0;
  const flaky: DnsQuery = async (name) => {
    calls++;
    if (calls === 1) throw new DnsError('ETIMEOUT', name);
    return { records: [['x']], ttl };
  };
  const c = clock();
  const resolve = cachingResolver(flaky, { now: c.now, maxTtl: 3600 });
  await assert.rejects(resolve('a.example', 'TXT'), (e: DnsError) => e.code === 'ETIMEOUT');
  assert.deepEqual(await resolve('a.example', 'TXT'), [['x']]);
  await resolve('a.example', 'TXT');
  assert.equal(calls, 3, 'TTL 0: not cached');
  ttl = 10 ** 9;
  await resolve('a.example', 'TXT');
  c.advance(3599);
  await resolve('a.example', 'TXT');
  assert.equal(calls, 4);
  c.advance(2);
  await resolve('a.example', 'TXT');
  assert.equal(calls, 5, 'held at most maxTtl');
});

test('concurrent identical questions share one query; the cache stays bounded', async () => {
  let calls = 0;
  const slow: DnsQuery = async (name) => {
    calls++;
    await new Promise((r) => setImmediate(r));
    return { records: [[name]], ttl: 60 };
  };
  const resolve = cachingResolver(slow, { now: clock().now, maxEntries: 2 });
  const answers = await Promise.all([resolve('a.example', 'TXT'), resolve('a.example', 'TXT'), resolve('a.example', 'TXT')]);
  assert.equal(calls, 1);
  assert.deepEqual(answers, [[['a.example']], [['a.example']], [['a.example']]]);
  await resolve('b.example', 'TXT');
  await resolve('c.example', 'TXT');
  await resolve('a.example', 'TXT');
  assert.equal(calls, 4, 'the oldest entry made room');
});
