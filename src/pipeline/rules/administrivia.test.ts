import { test } from 'node:test';
import assert from 'node:assert/strict';
import { administrivia, commandIn } from './administrivia.ts';
import { contextFor, fixture, post, testList } from './fixtures/make-context.ts';

test('administrivia: a subject that is a command → hold', async () => {
  const hit = administrivia.check(await contextFor(post(['Subject: unsubscribe'])));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, `The subject looks like a "unsubscribe" command meant for the list's request address, not a post.`);
  assert.deepEqual(hit?.details, { command: 'unsubscribe', where: 'subject', text: 'unsubscribe' });
});

test('administrivia: an RFC 2047 encoded subject is decoded first', async () => {
  const hit = administrivia.check(await contextFor(post(['Subject: =?utf-8?q?Unsubscribe_me_please?='])));
  assert.equal(hit?.details?.command, 'unsubscribe');
});

test('administrivia: "unsubscribe" on top of a quoted reply (a real-world classic)', async () => {
  const hit = administrivia.check(await contextFor(fixture('unsubscribe-reply.eml')));
  assert.deepEqual(hit?.details, { command: 'unsubscribe', where: 'body', line: 1, text: 'unsubscribe' });
  assert.match(hit?.reason ?? '', /^The body looks like/);
});

test('administrivia: confirm with a token, subscribe with an address', async () => {
  assert.equal(administrivia.check(await contextFor(post([], ['confirm 4b3f9a0c2d1e8f7a6b5c'])))?.details?.command, 'confirm');
  assert.equal(administrivia.check(await contextFor(post([], ['subscribe address=anne@example.com'])))?.details?.command, 'subscribe');
});

test('administrivia: normal posts that merely mention the words are misses', async () => {
  const subjects = [
    'Who cares about the old API?', 'Set up a mirror in Europe', 'Help!', 'Help me with the build',
    'Confirm attendance for Friday', 'Unsubscribe link is broken in the footer', 'Leave policy for August',
    'Re: unsubscribe', 'Info about the release', 'Password change request for the wiki',
  ];
  for (const s of subjects) {
    assert.equal(administrivia.check(await contextFor(post([`Subject: ${s}`]))), null, s);
  }
  const body = ['Hi all,', 'If you want to subscribe to the announce list, see the site.', 'Who will join us?', '> unsubscribe', '--', 'help'];
  assert.equal(administrivia.check(await contextFor(post([], body))), null);
});

test('administrivia: miss when the list turns the check off', async () => {
  assert.equal(administrivia.check(await contextFor(post(['Subject: unsubscribe']), { settings: { administrivia: false } })), null);
});

test('administrivia: commandIn reads a line as Mailman does, with argument shapes', () => {
  const list = testList();
  assert.equal(commandIn('help', list), 'help');
  assert.equal(commandIn('HELP', list), 'help');
  assert.equal(commandIn('Unsubscribe.', list), 'unsubscribe');
  assert.equal(commandIn('join test', list), 'join');
  assert.equal(commandIn('set digest on', list), 'set');
  assert.equal(commandIn('who', list), 'who');
  assert.equal(commandIn('help!', list), null);
  assert.equal(commandIn('', list), null);
});
