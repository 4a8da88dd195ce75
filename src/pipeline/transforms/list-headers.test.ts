import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { getFields, fieldValue } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { listHeaders } from './list-headers.ts';

const dir = join(import.meta.dirname, 'fixtures');

test('replaces upstream List-* fields with the list\'s own (LF input), keeping Precedence and Reply-To', () => {
  const out = draftToBuffer(listHeaders(draftFromRaw(fixture(dir, 'list-headers.in.eml')), testContext()));
  const headers = draftFromRaw(out).headers;
  const value = (n: string): string[] => getFields(headers, n).map(fieldValue);
  assert.deepEqual(value('list-id'), ['Governance <governance.lists.example.org>']);
  assert.deepEqual(value('list-post'), ['<mailto:governance@lists.example.org>']);
  assert.deepEqual(value('list-help'), ['<mailto:governance-request@lists.example.org?subject=help>']);
  assert.deepEqual(value('list-subscribe'), ['<mailto:governance-join@lists.example.org>, <https://lists.example.org/lists/governance>']);
  assert.deepEqual(value('list-unsubscribe'), ['<mailto:governance-leave@lists.example.org>, <https://lists.example.org/lists/governance#leave>']);
  assert.deepEqual(value('list-unsubscribe-post'), []);
  assert.deepEqual(value('archived-at'), ['<https://lists.example.org/archives/governance/m/news-1%40example.com>']);
  assert.deepEqual(value('precedence'), ['bulk']);
  assert.deepEqual(value('x-beenthere'), ['governance@lists.example.org']);
  assert.equal(out.includes('\r'), false);
  assertGolden(dir, 'list-headers.out.eml', out);
});

test('no archive: no List-Archive and no Archived-At; a non-ASCII display name is encoded', () => {
  const ctx = testContext({ archivePolicy: 'none', displayName: 'Gouvernance Équipe' });
  const out = draftToBuffer(listHeaders(draftFromRaw(Buffer.from('Subject: s\r\nMessage-ID: <a@b>\r\n\r\nx\r\n')), ctx));
  const headers = draftFromRaw(out).headers;
  assert.equal(getFields(headers, 'list-archive').length, 0);
  assert.equal(getFields(headers, 'archived-at').length, 0);
  assert.match(fieldValue(getFields(headers, 'list-id')[0]!), /^=\?UTF-8\?Q\?Gouvernance_=C3=89quipe\?= <governance\.lists\.example\.org>$/);
  assert.match(out.toString(), /\r\nPrecedence: list\r\n/);
});
