import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthSummary } from '../../domain/authentication.ts';
import { runChain } from '../chain.ts';
import { dmarcReject } from './dmarc-reject.ts';
import { contextFor, post, testMember } from './fixtures/make-context.ts';

const failing: AuthSummary = {
  authservId: 'lists.example.org',
  results: ['spf=fail smtp.mailfrom=anne@example.com', 'dmarc=fail (p=REJECT arc=none) header.from=example.com'],
  dkim: [{ result: 'fail', domain: 'example.com', aligned: true }],
  spf: { result: 'fail', domain: 'example.com' },
  dmarc: { result: 'fail', policy: 'reject', domain: 'example.com' },
  arc: { result: 'none' },
};

async function ctx(action: 'off' | 'hold' | 'reject', auth: AuthSummary | null) {
  return { ...(await contextFor(post(), { settings: { dmarcRejectAction: action }, member: testMember('anne@example.com', { moderationAction: 'accept' }) })), auth };
}

test('dmarc-reject: failing DMARC under p=reject → the list\'s action, with the results in the details', async () => {
  const hit = dmarcReject.check(await ctx('hold', failing));
  assert.deepEqual(hit, {
    rule: 'dmarc-reject',
    action: 'hold',
    reason: 'The post fails DMARC for example.com, whose owner asks that such mail be rejected.',
    details: { domain: 'example.com', policy: 'reject', dmarc: 'fail', spf: 'fail', dkim: 'example.com=fail', arc: 'none' },
  });
  assert.equal(dmarcReject.check(await ctx('reject', failing))?.action, 'reject');
});

test('dmarc-reject: off, not checked, passing, or a weaker policy → miss', async () => {
  assert.equal(dmarcReject.check(await ctx('off', failing)), null);
  assert.equal(dmarcReject.check(await ctx('hold', null)), null);
  assert.equal(dmarcReject.check(await ctx('hold', { ...failing, dmarc: { ...failing.dmarc, result: 'pass' } })), null);
  assert.equal(dmarcReject.check(await ctx('hold', { ...failing, dmarc: { ...failing.dmarc, policy: 'quarantine' } })), null);
  assert.equal(dmarcReject.check(await ctx('hold', { ...failing, dmarc: { ...failing.dmarc, result: 'temperror' } })), null);
});

test('it decides before member moderation would accept a member\'s forged address', async () => {
  const c = await ctx('hold', failing);
  assert.equal(runChain({ ...c, auth: null }).action, 'accept');
  const v = runChain(c);
  assert.equal(v.action, 'hold');
  assert.deepEqual(v.hits.map((h) => h.rule), ['dmarc-reject']);
});
