import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bannedAddress } from './banned-address.ts';
import { contextFor, post } from './fixtures/make-context.ts';

test('banned-address: a plain entry matches case-insensitively → discard', async () => {
  const hit = bannedAddress.check(await contextFor(post(), { settings: { bannedAddresses: ['ANNE@Example.com'] } }));
  assert.equal(hit?.action, 'discard');
  assert.equal(hit?.reason, 'The sender anne@example.com is banned from this list.');
  assert.deepEqual(hit?.details, { sender: 'anne@example.com', pattern: 'ANNE@Example.com' });
});

test('banned-address: a ^regex entry, and a Reply-To sender', async () => {
  const ctx = await contextFor(post(['Reply-To: spammer@bad.example']), { settings: { bannedAddresses: ['^.*@bad\\.example$'] } });
  const hit = bannedAddress.check(ctx);
  assert.equal(hit?.details?.sender, 'spammer@bad.example');
});

test('banned-address: the envelope sender counts', async () => {
  const ctx = await contextFor(post(), { envelopeFrom: 'relay@bad.example', settings: { bannedAddresses: ['relay@bad.example'] } });
  assert.equal(bannedAddress.check(ctx)?.action, 'discard');
});

test('banned-address: miss, and invalid or runaway regexes never match nor throw', async () => {
  const ctx = await contextFor(post(), { settings: { bannedAddresses: ['bob@example.com', '^(anne', '^(a+)+$', '^[', ''] } });
  assert.equal(bannedAddress.check(ctx), null);
});
