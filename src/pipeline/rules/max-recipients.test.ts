import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxRecipients } from './max-recipients.ts';
import { contextFor, post } from './fixtures/make-context.ts';

const many = (n: number): string => Array.from({ length: n }, (_, i) => `p${i}@example.com`).join(', ');

test('max-recipients: more To/Cc addresses than the limit → hold', async () => {
  const hit = maxRecipients.check(await contextFor(post([`To: test@lists.example.org, ${many(6)}`, `Cc: ${many(4)}`])));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, 'The post names 11 recipients in To and Cc; this list holds posts with more than 10.');
  assert.deepEqual(hit?.details, { recipients: 11, limit: 10 });
});

test('max-recipients: exactly the limit is a miss; 0 means no limit', async () => {
  assert.equal(maxRecipients.check(await contextFor(post([`To: test@lists.example.org, ${many(9)}`]))), null);
  assert.equal(maxRecipients.check(await contextFor(post([`To: ${many(50)}`]), { settings: { maxRecipients: 0 } })), null);
});

test('max-recipients: group members are counted one by one', async () => {
  const hit = maxRecipients.check(await contextFor(post([`To: Team: ${many(3)};`]), { settings: { maxRecipients: 2 } }));
  assert.equal(hit?.details?.recipients, 3);
});
