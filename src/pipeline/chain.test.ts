import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runChain } from './chain.ts';
import { RULES } from './rules/index.ts';
import type { Rule } from './rules/index.ts';
import { contextFor, eml, fixture, post, testMember } from './rules/fixtures/make-context.ts';

const member = (over = {}) => testMember('anne@example.com', over);

test('RULES: Mailman order, ids equal file names, the first seven decide', () => {
  assert.deepEqual(RULES.map((r) => r.id), [
    'loop', 'approved', 'emergency', 'banned-address', 'dmarc-reject', 'member-moderation', 'nonmember-moderation',
    'administrivia', 'implicit-dest', 'max-recipients', 'max-size', 'no-subject', 'header-match',
  ]);
  for (const r of RULES) assert.ok(existsSync(join(import.meta.dirname, 'rules', `${r.id}.ts`)), r.id);
  assert.deepEqual(RULES.map((r) => r.decides), [true, true, true, true, true, true, true, false, false, false, false, false, false]);
});

test('no hits → accept with no hits', async () => {
  assert.deepEqual(runChain(await contextFor(post(), { member: member() })), { action: 'accept', hits: [] });
});

test('a non-member post is held by nonmember-moderation, and the chain stops there', async () => {
  const v = runChain(await contextFor(post(['Subject: '])));
  assert.equal(v.action, 'hold');
  assert.deepEqual(v.hits.map((h) => h.rule), ['nonmember-moderation']);
});

test('loop comes first: our own copy is discarded even with a valid approval', async () => {
  const raw = Buffer.concat([Buffer.from('Approved: s3cret\r\n'), fixture('list-copy.eml')]);
  const v = runChain(await contextFor(raw, { settings: { moderatorPassword: 's3cret' } }));
  assert.equal(v.action, 'discard');
  assert.deepEqual(v.hits.map((h) => h.rule), ['loop']);
});

test('approved beats emergency, bans and non-member moderation, and skips the hold checks', async () => {
  const raw = post(['Approved: s3cret', 'To: someone@example.com', 'Subject:']);
  const settings = { moderatorPassword: 's3cret', emergency: true, bannedAddresses: ['anne@example.com'] };
  const v = runChain(await contextFor(raw, { settings }));
  assert.equal(v.action, 'accept');
  assert.deepEqual(v.hits.map((h) => h.rule), ['approved']);
});

test('emergency holds even a member whose posts are accepted', async () => {
  const v = runChain(await contextFor(post(), { member: member({ moderationAction: 'accept' }), settings: { emergency: true } }));
  assert.equal(v.action, 'hold');
  assert.deepEqual(v.hits.map((h) => h.rule), ['emergency']);
});

test('a ban beats member moderation', async () => {
  const v = runChain(await contextFor(post(), { member: member({ moderationAction: 'accept' }), settings: { bannedAddresses: ['^anne@'] } }));
  assert.equal(v.action, 'discard');
  assert.deepEqual(v.hits.map((h) => h.rule), ['banned-address']);
});

test('an accept from member moderation ends the chain as accept, skipping the hold checks', async () => {
  const raw = post(['To: friends@example.com', 'Subject: unsubscribe']);
  const v = runChain(await contextFor(raw, { member: member({ moderationAction: 'accept' }) }));
  assert.equal(v.action, 'accept');
  assert.deepEqual(v.hits.map((h) => h.rule), ['member-moderation']);
  assert.ok(v.hits[0]?.reason);
});

test('an accept from the non-member accept list ends the chain as accept', async () => {
  const v = runChain(await contextFor(post(['Subject:']), { settings: { acceptNonmembers: ['anne@example.com'] } }));
  assert.equal(v.action, 'accept');
  assert.deepEqual(v.hits.map((h) => h.rule), ['nonmember-moderation']);
});

test('member moderation reject and discard decide', async () => {
  assert.equal(runChain(await contextFor(post(), { member: member({ moderationAction: 'reject' }) })).action, 'reject');
  assert.equal(runChain(await contextFor(post(), { member: member(), settings: { defaultMemberAction: 'discard' } })).action, 'discard');
});

test('when nothing decides, every check runs and every hit is recorded in order', async () => {
  const recipients = Array.from({ length: 12 }, (_, i) => `p${i}@example.com`).join(', ');
  const raw = eml(['From: anne@example.com', `To: ${recipients}`], ['unsubscribe', 'x'.repeat(3000)]);
  const v = runChain(await contextFor(raw, { member: member(), settings: { maxMessageKb: 2 } }));
  assert.equal(v.action, 'hold');
  assert.deepEqual(v.hits.map((h) => h.rule), ['administrivia', 'implicit-dest', 'max-recipients', 'max-size', 'no-subject']);
  for (const h of v.hits) assert.ok(h.reason.length > 10, h.rule);
});

test('the strongest collected action wins: discard > reject > hold', async () => {
  const reject = { headerMatches: [{ header: 'X-Mailer', pattern: 'blaster', action: 'reject' as const }] };
  const v1 = runChain(await contextFor(post(['Subject:', 'X-Mailer: Blaster 2000']), { member: member(), settings: reject }));
  assert.equal(v1.action, 'reject');
  assert.deepEqual(v1.hits.map((h) => [h.rule, h.action]), [['no-subject', 'hold'], ['header-match', 'reject']]);
  const discard = { headerMatches: [...reject.headerMatches, { header: 'X-Mailer', pattern: '2000', action: 'discard' as const }] };
  assert.equal(runChain(await contextFor(post(['X-Mailer: Blaster 2000']), { member: member(), settings: discard })).action, 'discard');
});

test('a collected accept (header-match) is recorded but never overrides a hold', async () => {
  const settings = { headerMatches: [{ header: 'X-Trusted', pattern: 'yes', action: 'accept' as const }] };
  const alone = runChain(await contextFor(post(['X-Trusted: yes']), { member: member(), settings }));
  assert.equal(alone.action, 'accept');
  assert.deepEqual(alone.hits.map((h) => h.rule), ['header-match']);
  const withHold = runChain(await contextFor(post(['X-Trusted: yes', 'Subject:']), { member: member(), settings }));
  assert.equal(withHold.action, 'hold');
});

test('RFC 2047 subjects are judged decoded: encoded command → administrivia, encoded blank → no-subject', async () => {
  const cmd = runChain(await contextFor(post(['Subject: =?UTF-8?B?dW5zdWJzY3JpYmU=?=']), { member: member() }));
  assert.deepEqual(cmd.hits.map((h) => h.rule), ['administrivia']);
  const blank = runChain(await contextFor(post(['Subject: =?utf-8?q?=20?=']), { member: member() }));
  assert.deepEqual(blank.hits.map((h) => h.rule), ['no-subject']);
});

test('bad regexes anywhere in the settings never throw and never match', async () => {
  const bad = ['^(', '^(a+)+$', '^[z-a]'];
  const settings = {
    bannedAddresses: bad, acceptNonmembers: bad, holdNonmembers: bad, rejectNonmembers: bad, discardNonmembers: bad,
    acceptableAliases: bad, headerMatches: bad.map((pattern) => ({ header: 'Subject', pattern, action: 'discard' as const })),
  };
  const v = runChain(await contextFor(post(['To: other@example.com']), { settings }));
  assert.equal(v.action, 'hold');
  assert.deepEqual(v.hits.map((h) => [h.rule, h.details?.source]), [['nonmember-moderation', 'list-default']]);
});

test('runChain takes any ordered rules; later rules do not run after a decision', async () => {
  const calls: string[] = [];
  const spy = (id: string, decides: boolean, hit: boolean): Rule => ({
    id,
    decides,
    check: () => {
      calls.push(id);
      return hit ? { rule: id, action: 'hold', reason: `${id} hit.` } : null;
    },
  });
  const ctx = await contextFor(post());
  const v = runChain(ctx, [spy('a', true, false), spy('b', true, true), spy('c', false, true)]);
  assert.deepEqual(calls, ['a', 'b']);
  assert.deepEqual(v, { action: 'hold', hits: [{ rule: 'b', action: 'hold', reason: 'b hit.' }] });
  assert.deepEqual(runChain(ctx, []), { action: 'accept', hits: [] });
});
