import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memberModeration } from './member-moderation.ts';
import { contextFor, post, testMember } from './fixtures/make-context.ts';

test("member-moderation: the member's own action decides", async () => {
  const member = testMember('anne@example.com', { moderationAction: 'hold' });
  const hit = memberModeration.check(await contextFor(post(), { member }));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, "Posts from the member anne@example.com are held for a moderator by the member's own moderation setting.");
  assert.deepEqual(hit?.details, { sender: 'anne@example.com', source: 'member' });
});

test("member-moderation: the list's default member action applies when the member has none", async () => {
  const member = testMember('anne@example.com');
  const hit = memberModeration.check(await contextFor(post(), { member, settings: { defaultMemberAction: 'accept' } }));
  assert.equal(hit?.action, 'accept');
  assert.equal(hit?.details?.source, 'list-default');
  const reject = memberModeration.check(await contextFor(post(), { member: testMember('anne@example.com', { moderationAction: 'reject' }) }));
  assert.equal(reject?.action, 'reject');
});

test('member-moderation: defer (the default) and non-members are misses', async () => {
  assert.equal(memberModeration.check(await contextFor(post(), { member: testMember('anne@example.com') })), null);
  const own = testMember('anne@example.com', { moderationAction: 'defer' });
  assert.equal(memberModeration.check(await contextFor(post(), { member: own, settings: { defaultMemberAction: 'hold' } })), null);
  assert.equal(memberModeration.check(await contextFor(post())), null);
});
