import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachingResolver } from './dns-cache.ts';
import { TestZone } from './fixtures/zone.ts';
import { createMailAuth } from './mail-auth.ts';

const raw = Buffer.from('From: Rita <rita@reject.example>\r\nSubject: x\r\n\r\nbody\r\n');
const client = { protocol: 'smtp' as const, ip: '192.0.2.25', helo: 'mail.reject.example' };

test('answers from the zone pass through', async () => {
  const zone = new TestZone().add('_dmarc.reject.example', 'TXT', 'v=DMARC1; p=reject').add('reject.example', 'TXT', 'v=spf1 ip4:192.0.2.25 -all');
  const auth = createMailAuth({ resolver: cachingResolver(zone.query, { now: () => 0 }), authservId: 'lists.example.org', now: () => new Date(0) });
  assert.equal((await auth.dmarcPolicy('reject.example')).policy, 'reject');
  assert.equal((await auth.authenticate({ raw, client, envelopeFrom: 'rita@reject.example' })).dmarc.result, 'pass');
});

test('a resolver that never answers: temperror and an unknown policy once the deadline passes', async () => {
  const silent = cachingResolver(() => new Promise(() => {}), { now: () => 0 });
  const auth = createMailAuth({ resolver: silent, authservId: 'lists.example.org', now: () => new Date(0), authenticateMs: 30, policyMs: 30 });
  const s = await auth.authenticate({ raw, client, envelopeFrom: 'rita@reject.example' });
  assert.deepEqual(s.dmarc, { result: 'temperror', policy: null, domain: 'reject.example' });
  assert.deepEqual(s.results, ['dkim=temperror (DNS timed out)', 'spf=temperror (DNS timed out)', 'dmarc=temperror (DNS timed out)']);
  const f = await auth.dmarcPolicy('reject.example');
  assert.equal(f.lookup, 'error');
  assert.equal(f.policy, null);
});
