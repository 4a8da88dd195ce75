import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implicitDest } from './implicit-dest.ts';
import { contextFor, post } from './fixtures/make-context.ts';

test('implicit-dest: the list got the post by Bcc → hold', async () => {
  const hit = implicitDest.check(await contextFor(post(['To: friends@example.com', 'Cc: Bob <bob@example.net>'])));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, 'The list address test@lists.example.org is not named in To or Cc (the post reached the list by Bcc or a forward).');
  assert.deepEqual(hit?.details, { recipients: 2, shown: 'friends@example.com, bob@example.net' });
});

test('implicit-dest: the list in To or Cc, in any case, is a miss', async () => {
  assert.equal(implicitDest.check(await contextFor(post())), null);
  assert.equal(implicitDest.check(await contextFor(post(['To: a@example.com', 'Cc: "Test" <TEST@lists.EXAMPLE.org>']))), null);
});

test('implicit-dest: Resent-To names the list for a redirected message', async () => {
  assert.equal(implicitDest.check(await contextFor(post(['To: anne@example.com', 'Resent-To: test@lists.example.org']))), null);
});

test('implicit-dest: acceptable aliases, plain and ^regex; bad regexes never match', async () => {
  const settings = { acceptableAliases: ['old-test@example.org', '^test-[a-z]+@lists\\.example\\.org$', '^(bad'] };
  assert.equal(implicitDest.check(await contextFor(post(['To: Old-Test@example.org']), { settings })), null);
  assert.equal(implicitDest.check(await contextFor(post(['To: test-archive@lists.example.org']), { settings })), null);
  assert.equal(implicitDest.check(await contextFor(post(['To: (bad@example.org']), { settings }))?.action, 'hold');
});

test('implicit-dest: miss when the list does not require an explicit destination', async () => {
  assert.equal(implicitDest.check(await contextFor(post(['To: friends@example.com']), { settings: { requireExplicitDestination: false } })), null);
});
