import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emergency } from './emergency.ts';
import { contextFor, post } from './fixtures/make-context.ts';

test('emergency: every post is held while the list is in emergency moderation', async () => {
  const hit = emergency.check(await contextFor(post(), { settings: { emergency: true } }));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.rule, 'emergency');
  assert.match(hit?.reason ?? '', /emergency moderation/);
});

test('emergency: miss when the switch is off', async () => {
  assert.equal(emergency.check(await contextFor(post())), null);
});
