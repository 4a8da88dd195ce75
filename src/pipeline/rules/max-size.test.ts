import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxSize } from './max-size.ts';
import { contextFor, post } from './fixtures/make-context.ts';

const bigBody = (kb: number): string[] => Array.from({ length: kb * 16 }, () => 'x'.repeat(62));

test('max-size: a post over the limit → hold', async () => {
  const ctx = await contextFor(post([], bigBody(3)), { settings: { maxMessageKb: 2 } });
  const hit = maxSize.check(ctx);
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, `The post is ${Math.ceil(ctx.post.size / 1024)} KiB; this list holds posts larger than 2 KiB.`);
  assert.deepEqual(hit?.details, { bytes: ctx.post.size, limitKb: 2 });
});

test('max-size: under the limit, or no limit, is a miss', async () => {
  assert.equal(maxSize.check(await contextFor(post())), null);
  assert.equal(maxSize.check(await contextFor(post([], bigBody(3)), { settings: { maxMessageKb: 0 } })), null);
});
