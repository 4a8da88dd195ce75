import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approved } from './approved.ts';
import { contextFor, fixture, post } from './fixtures/make-context.ts';

const settings = { moderatorPassword: 's3cret' };

test('approved: Approved header with the moderator password → accept', async () => {
  const hit = approved.check(await contextFor(post(['Approved: s3cret']), { settings }));
  assert.equal(hit?.action, 'accept');
  assert.equal(hit?.reason, 'The post was pre-approved with the moderator password in its Approved header.');
  assert.deepEqual(hit?.details, { source: 'header', field: 'Approved' });
});

test('approved: Approve: as the first line of the first text part (multipart/alternative)', async () => {
  const hit = approved.check(await contextFor(fixture('multipart-approved.eml'), { settings }));
  assert.equal(hit?.action, 'accept');
  assert.deepEqual(hit?.details, { source: 'body-line', field: 'Approve' });
  assert.match(hit?.reason ?? '', /first body line/);
});

test('approved: the first line of an HTML-only post counts too', async () => {
  const hit = approved.check(await contextFor(fixture('html-only.eml'), { settings }));
  assert.equal(hit?.action, 'accept');
});

test('approved: the password never appears in the hit', async () => {
  const hit = approved.check(await contextFor(post(['X-Approved: s3cret']), { settings }));
  assert.ok(hit);
  assert.ok(!JSON.stringify(hit).includes('s3cret'));
});

test('approved: wrong password, no password configured, or the line not first → miss', async () => {
  assert.equal(approved.check(await contextFor(post(['Approved: guess']), { settings })), null);
  assert.equal(approved.check(await contextFor(post(['Approved: ']), { settings: { moderatorPassword: '' } })), null);
  assert.equal(approved.check(await contextFor(post(['Approved: s3cret']))), null);
  assert.equal(approved.check(await contextFor(post([], ['Hello', 'Approved: s3cret']), { settings })), null);
});

test('approved: a wrong header password is not rescued by a body line', async () => {
  const ctx = await contextFor(post(['Approved: guess'], ['Approved: s3cret']), { settings });
  assert.equal(approved.check(ctx), null);
});
