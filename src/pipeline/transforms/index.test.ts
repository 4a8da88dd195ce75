import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { prepareListPost, TRANSFORMS } from './index.ts';

const dir = join(import.meta.dirname, 'fixtures');

test('the transform list names one file per transform, in the documented order', () => {
  const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));
  assert.deepEqual(TRANSFORMS.map((t) => t.name), ['strip-approval', 'cleanse', 'authentication-results', 'ensure-message-id', 'dmarc-mitigation', 'subject-prefix', 'reply-to', 'list-headers', 'remove-dkim']);
  for (const t of TRANSFORMS) assert.ok(files.includes(t.name), t.name);
});

for (const name of ['pipeline-mixed', 'pipeline-rfc822', 'pipeline-html', 'pipeline-latin1']) {
  test(`prepareListPost: ${name}`, async () => {
    const out = prepareListPost(fixture(dir, `${name}.in.eml`), testContext({ replyTo: 'list' }));
    assertGolden(dir, `${name}.out.eml`, out);
    const parsed = await PostalMime.parse(out);
    assert.match(parsed.subject ?? '', /^\[governance\] /);
  });
}

test('the password never survives preparation; a forwarded message keeps its own headers', () => {
  const mixed = prepareListPost(fixture(dir, 'pipeline-mixed.in.eml'), testContext()).toString();
  assert.equal(mixed.includes('sekrit'), false);
  assert.equal(mixed.includes('DKIM-Signature'), false);
  assert.equal(mixed.includes('Return-Path'), false);
  assert.match(mixed, /\r\nSubject: \[governance\] Re: =\?UTF-8\?Q\?Proc=C3=A8s-verbal\?=\r\n/);
  const fwd = prepareListPost(fixture(dir, 'pipeline-rfc822.in.eml'), testContext()).toString();
  assert.match(fwd, /\nApproved: this-is-inside-and-stays\n/);
});

test('a post without a Message-ID gets the same id in Message-ID and Archived-At on every run', () => {
  const raw = fixture(dir, 'pipeline-rfc822.in.eml');
  const a = prepareListPost(raw, testContext());
  assert.deepEqual(a, prepareListPost(raw, testContext()));
  const id = /\nMessage-ID: <([^>]+)>/.exec(a.toString())?.[1] ?? '';
  assert.ok(a.toString().includes(`Archived-At: <https://lists.example.org/archives/governance/m/${encodeURIComponent(id)}>`));
});
