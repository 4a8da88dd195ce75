import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { stripApproval } from './strip-approval.ts';

const dir = join(import.meta.dirname, 'fixtures');
const run = (name: string, ctx = testContext()): Buffer => draftToBuffer(stripApproval(draftFromRaw(fixture(dir, `${name}.in.eml`)), ctx));

test('removes Approved and X-Approved headers, touching nothing else', () => {
  const out = run('approved-header');
  assert.equal(out.includes('sekrit'), false);
  assertGolden(dir, 'approved-header.out.eml', out);
});

test('removes the password line from quoted-printable text and its HTML alternative', () => {
  const out = run('approved-body-qp');
  assert.equal(out.toString().toLowerCase().includes('sekrit'), false);
  assertGolden(dir, 'approved-body-qp.out.eml', out);
});

test('removes an indented Approve: line from a base64 body (CRLF)', () => {
  const out = run('approved-body-base64');
  assert.equal(Buffer.from(out.toString().split('\r\n\r\n')[1] ?? '', 'base64').toString().includes('sekrit'), false);
  assertGolden(dir, 'approved-body-base64.out.eml', out);
});

test('without a list password a first line "Approve: ..." is ordinary text', () => {
  const raw = Buffer.from('Subject: x\n\nApprove: the budget\nplease\n');
  const out = draftToBuffer(stripApproval(draftFromRaw(raw), testContext({ moderatorPassword: '' })));
  assert.equal(out.toString(), raw.toString());
  const approved = draftToBuffer(stripApproval(draftFromRaw(raw), testContext({ moderatorPassword: '' }, { approvedVia: 'body-line' })));
  assert.equal(approved.toString(), 'Subject: x\n\nplease\n');
});

test('a password line that is not the first non-blank line stays', () => {
  const raw = Buffer.from('Subject: x\n\nHello\nApproved: sekrit\n');
  assert.equal(draftToBuffer(stripApproval(draftFromRaw(raw), testContext())).toString(), raw.toString());
});
