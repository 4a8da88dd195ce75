import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonmemberModeration } from './nonmember-moderation.ts';
import { contextFor, eml, post, testMember } from './fixtures/make-context.ts';

test('nonmember-moderation: a stranger gets the default non-member action (hold)', async () => {
  const hit = nonmemberModeration.check(await contextFor(post()));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, 'The sender anne@example.com is not a member of the list; posts from non-members are held for a moderator.');
  assert.deepEqual(hit?.details, { sender: 'anne@example.com', source: 'list-default' });
});

test('nonmember-moderation: the accept, hold, reject, discard lists are checked in that order', async () => {
  const settings = {
    acceptNonmembers: ['^anne@'],
    holdNonmembers: ['anne@example.com'],
    discardNonmembers: ['anne@example.com'],
    defaultNonmemberAction: 'discard' as const,
  };
  const hit = nonmemberModeration.check(await contextFor(post(), { settings }));
  assert.equal(hit?.action, 'accept');
  assert.deepEqual(hit?.details, { sender: 'anne@example.com', source: 'acceptNonmembers', pattern: '^anne@' });
  assert.match(hit?.reason ?? '', /non-members whose posts are accepted/);
  const rejected = nonmemberModeration.check(await contextFor(post(), { settings: { rejectNonmembers: ['Anne@Example.COM'], discardNonmembers: ['anne@example.com'] } }));
  assert.equal(rejected?.action, 'reject');
});

test('nonmember-moderation: a later sender (Sender:) can match a list', async () => {
  const ctx = await contextFor(post(['Sender: gateway@partner.example']), { settings: { discardNonmembers: ['gateway@partner.example'] } });
  assert.equal(nonmemberModeration.check(ctx)?.action, 'discard');
});

test('nonmember-moderation: no sender at all still gets the default action, with that reason', async () => {
  const hit = nonmemberModeration.check(await contextFor(eml(['To: test@lists.example.org', 'Subject: who am I'])));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.details?.source, 'no-sender');
  assert.match(hit?.reason ?? '', /No sender address was found/);
});

test('nonmember-moderation: members and list moderators are misses', async () => {
  assert.equal(nonmemberModeration.check(await contextFor(post(), { member: testMember('anne@example.com') })), null);
  assert.equal(nonmemberModeration.check(await contextFor(post(), { isListModerator: true })), null);
});
