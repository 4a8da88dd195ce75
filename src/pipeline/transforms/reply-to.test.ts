import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { getFields, fieldValue } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { replyTo } from './reply-to.ts';
import type { TransformContext } from './types.ts';

const dir = join(import.meta.dirname, 'fixtures');
const run = (ctx: TransformContext): Buffer => draftToBuffer(replyTo(draftFromRaw(fixture(dir, 'reply-to.in.eml')), ctx));
const replyTos = (raw: Buffer): string[] => getFields(draftFromRaw(raw).headers, 'reply-to').map(fieldValue);

test('poster: the poster\'s Reply-To is left alone', () => {
  assert.deepEqual(run(testContext({ replyTo: 'poster' })), fixture(dir, 'reply-to.in.eml'));
});

test('list: the list address replaces the poster\'s Reply-To, in place', () => {
  const out = run(testContext({ replyTo: 'list' }));
  assert.deepEqual(replyTos(out), ['Governance <governance@lists.example.org>']);
  assertGolden(dir, 'reply-to.out.eml', out);
});

test('explicit: the configured address, encoded when needed; empty means leave it', () => {
  const out = run(testContext({ replyTo: 'explicit', replyToAddress: 'Zoë Board <board@example.org>' }));
  assert.deepEqual(replyTos(out).length, 1);
  assert.match(replyTos(out)[0] ?? '', /^=\?UTF-8\?Q\?Zo=C3=AB_Board\?= <board@example.org>$/);
  assert.deepEqual(run(testContext({ replyTo: 'explicit', replyToAddress: '' })), fixture(dir, 'reply-to.in.eml'));
});
