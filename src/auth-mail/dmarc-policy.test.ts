import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachingResolver, DnsError } from './dns-cache.ts';
import { domainOf, lookupDmarcPolicy } from './dmarc-policy.ts';
import { TestZone } from './fixtures/zone.ts';

const zone = new TestZone()
  .add('_dmarc.yahoo.example', 'TXT', 'v=DMARC1; p=reject; pct=100; rua=mailto:d@yahoo.example')
  .add('_dmarc.corp.example', 'TXT', 'v=DMARC1; p=none; sp=quarantine')
  .add('_dmarc.mail.corp.example', 'TXT', 'v=DMARC1; p=reject')
  .add('_dmarc.weird.example', 'TXT', 'v=DMARC1; p=sometimes')
  .add('_dmarc.two.example', 'TXT', 'v=DMARC1; p=reject')
  .add('_dmarc.two.example', 'TXT', 'v=DMARC1; p=none')
  .add('_dmarc.notdmarc.example', 'TXT', 'v=spf1 -all')
  .add('_dmarc.example.co.uk', 'TXT', 'v=DMARC1; p=quarantine');
const resolver = cachingResolver(zone.query, { now: () => 0 });

test('a record at the author domain gives its p=', async () => {
  assert.deepEqual(await lookupDmarcPolicy('Yahoo.Example', resolver), {
    domain: 'yahoo.example', orgDomain: 'yahoo.example', policy: 'reject', lookup: 'found',
    record: 'v=DMARC1; p=reject; pct=100; rua=mailto:d@yahoo.example',
  });
});

test('without one, the organizational domain\'s record applies, with its sp= (RFC 7489 §6.6.3)', async () => {
  const f = await lookupDmarcPolicy('lists.dept.corp.example', resolver);
  assert.equal(f.orgDomain, 'corp.example');
  assert.equal(f.policy, 'quarantine');
  assert.equal((await lookupDmarcPolicy('corp.example', resolver)).policy, 'none', 'p= at the organizational domain itself');
  assert.equal((await lookupDmarcPolicy('mail.corp.example', resolver)).policy, 'reject', 'a subdomain\'s own record wins');
});

test('the organizational domain follows the Public Suffix List', async () => {
  const f = await lookupDmarcPolicy('news.example.co.uk', resolver);
  assert.equal(f.orgDomain, 'example.co.uk');
  assert.equal(f.policy, 'quarantine');
  assert.ok(zone.asked.includes('TXT _dmarc.example.co.uk'));
  assert.ok(!zone.asked.includes('TXT _dmarc.co.uk'), 'never a public suffix');
});

test('no record, two records, or a non-DMARC record: no policy; an unknown p=: found but no policy', async () => {
  for (const d of ['nothing.example', 'two.example', 'notdmarc.example']) {
    const f = await lookupDmarcPolicy(d, resolver);
    assert.equal(f.lookup, 'none', d);
    assert.equal(f.policy, null, d);
  }
  const weird = await lookupDmarcPolicy('weird.example', resolver);
  assert.equal(weird.lookup, 'found');
  assert.equal(weird.policy, null);
});

test('a DNS failure is an error, not "no policy"; names DNS cannot hold are not asked', async () => {
  const broken = cachingResolver(async (n) => { throw new DnsError('ESERVFAIL', n); }, { now: () => 0 });
  const f = await lookupDmarcPolicy('yahoo.example', broken);
  assert.equal(f.lookup, 'error');
  assert.equal(f.policy, null);
  const before = zone.asked.length;
  for (const d of ['', 'localhost', 'a..example', `${'x'.repeat(64)}.example`]) assert.equal((await lookupDmarcPolicy(d, resolver)).lookup, 'none');
  assert.equal(zone.asked.length, before);
});

test('domainOf', () => {
  assert.equal(domainOf('Ann@Mail.Example.ORG'), 'mail.example.org');
  assert.equal(domainOf('no-at-sign'), '');
});
