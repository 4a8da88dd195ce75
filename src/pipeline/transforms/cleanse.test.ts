import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cleanse } from './cleanse.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';

const dir = join(import.meta.dirname, 'fixtures');

test('removes untrusted and password-bearing fields, keeps Received and other lists\' X-BeenThere', () => {
  const out = draftToBuffer(cleanse(draftFromRaw(fixture(dir, 'cleanse.in.eml')), testContext()));
  const text = out.toString();
  for (const gone of ['Return-Path', 'X-BeenThere: governance', 'Urgent', 'X-Approve', 'Disposition-Notification-To', 'Return-Receipt-To', 'X-Confirm-Reading-To', 'X-PMRQC', 'Archived-At']) {
    assert.equal(text.includes(gone), false, gone);
  }
  assert.match(text, /^Received: from mx/m);
  assert.match(text, /^X-BeenThere: other@lists.example.net$/m);
  assertGolden(dir, 'cleanse.out.eml', out);
});
