import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stableMessageId } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { ensureMessageId } from './ensure-message-id.ts';
import { assertGolden, fixture, site, testContext } from './fixtures/golden.ts';

const dir = join(import.meta.dirname, 'fixtures');

test('adds a Message-ID derived from the received bytes and the host name', () => {
  const raw = fixture(dir, 'no-message-id.in.eml');
  const out = draftToBuffer(ensureMessageId(draftFromRaw(raw), testContext()));
  assert.ok(out.toString().includes(`Message-ID: <${stableMessageId(raw, site.hostname)}>\r\n`));
  assertGolden(dir, 'no-message-id.out.eml', out);
});

test('keeps an existing Message-ID and replaces an empty one', () => {
  const has = Buffer.from('Message-ID: <a@b>\n\nx\n');
  assert.deepEqual(draftToBuffer(ensureMessageId(draftFromRaw(has), testContext())), has);
  const empty = Buffer.from('Message-ID:\nSubject: s\n\nx\n');
  const out = draftToBuffer(ensureMessageId(draftFromRaw(empty), testContext())).toString();
  assert.match(out, /^Message-ID: <[0-9a-f]{32}\.caucus@lists\.example\.org>\nSubject: s\n\nx\n$/);
});
