import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { getFields, makeField, replaceField } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { removeDkim } from './remove-dkim.ts';

const dir = join(import.meta.dirname, 'fixtures');
const undecorated = { footerTemplate: '', headerTemplate: '', subjectPrefix: '' };
const count = (raw: Buffer, name: string): number => getFields(draftFromRaw(raw).headers, name).length;

test('with nothing changed but the per-member List-Unsubscribe, only signatures over it go', () => {
  const out = draftToBuffer(removeDkim(draftFromRaw(fixture(dir, 'dkim.in.eml')), testContext(undecorated)));
  const text = out.toString();
  assert.match(text, /s=s1;/);
  assert.doesNotMatch(text, /s=s2;/);
  assert.equal(count(out, 'domainkey-signature'), 0);
  // The poster's own ARC set (i=2) goes; the relay's i=1 is a whole chain and stays.
  assert.doesNotMatch(text, /i=2;/);
  assert.equal(count(out, 'arc-seal'), 1);
  assertGolden(dir, 'dkim.out.eml', out);
});

test('a changed signed field breaks the signature over it', () => {
  const draft = draftFromRaw(fixture(dir, 'dkim.in.eml'));
  const edited = { ...draft, headers: replaceField(draft.headers, makeField('Subject', '[governance] Signed', draft.eol)) };
  assert.equal(count(draftToBuffer(removeDkim(edited, testContext(undecorated))), 'dkim-signature'), 0);
});

test('a footer (body change) breaks every signature', () => {
  const out = draftToBuffer(removeDkim(draftFromRaw(fixture(dir, 'dkim.in.eml')), testContext({ subjectPrefix: '' })));
  assert.equal(count(out, 'dkim-signature'), 0);
});

test('removing an ARC set from the middle of a chain removes the whole chain', () => {
  const raw = Buffer.from(
    fixture(dir, 'dkim.in.eml').toString().replaceAll('d=relay.example.net', 'd=mail.example.com').replace(/d=example\.com; s=arc;/g, 'd=relay.example.net; s=arc;'),
  );
  const out = draftToBuffer(removeDkim(draftFromRaw(raw), testContext(undecorated)));
  assert.equal(count(out, 'arc-seal') + count(out, 'arc-message-signature') + count(out, 'arc-authentication-results'), 0);
});

test('an unsigned, unchanged message is returned as it was', () => {
  const raw = Buffer.from('From: a@example.com\n\nx\n');
  assert.deepEqual(draftToBuffer(removeDkim(draftFromRaw(raw), testContext(undecorated))), raw);
});
