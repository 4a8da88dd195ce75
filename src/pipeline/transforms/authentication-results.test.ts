import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AuthSummary } from '../../domain/authentication.ts';
import { fieldValue, getFields } from '../../mime/index.ts';
import { authenticationResults, authservIdOf } from './authentication-results.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';

const dir = join(import.meta.dirname, 'fixtures');
const input = fixture(dir, 'dmarc.in.eml');
const summary: AuthSummary = {
  authservId: 'lists.example.org',
  results: [
    'dkim=pass header.i=@reject.example header.s=sel header.a=rsa-sha256 header.b=IFbYHm8I',
    'spf=pass (lists.example.org: domain of rita@reject.example designates 192.0.2.25 as permitted sender) smtp.mailfrom=rita@reject.example smtp.helo=mail.reject.example',
    'dmarc=pass (p=REJECT arc=none) header.from=reject.example header.d=reject.example',
  ],
  dkim: [{ result: 'pass', domain: 'reject.example', aligned: true }],
  spf: { result: 'pass', domain: 'reject.example' },
  dmarc: { result: 'pass', policy: 'reject', domain: 'reject.example' },
  arc: { result: 'none' },
};
const run = (auth: AuthSummary | null, raw = input): Buffer => draftToBuffer(authenticationResults(draftFromRaw(raw), testContext({}, { auth })));

test('our results go on top as one RFC 8601 field; a field claiming our name is dropped', () => {
  const out = run(summary);
  assertGolden(dir, 'authentication-results.out.eml', out);
  const fields = getFields(draftFromRaw(out).headers, 'authentication-results').map(fieldValue);
  assert.equal(fields.length, 2);
  assert.equal(fields[0], `lists.example.org; ${summary.results.join('; ')}`);
  assert.equal(fields[1], 'mx.reject.example; spf=pass smtp.mailfrom=reject.example', 'another host\'s results stay');
  assert.ok(out.toString('latin1').startsWith('Authentication-Results: lists.example.org;\r\n dkim=pass'));
  for (const line of out.toString('latin1').split('\r\n')) assert.ok(line.length <= 998);
});

test('not checked: nothing added, but forged results are still removed', () => {
  const out = run(null).toString('latin1');
  assert.ok(!out.includes('forged by the poster'));
  assert.ok(out.includes('Authentication-Results: mx.reject.example;'));
  const clean = Buffer.from('From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n');
  assert.deepEqual(run(null, clean), clean);
});

test('no method applied: "none" (RFC 8601 §2.2)', () => {
  const out = run({ ...summary, results: [] }).toString('latin1');
  assert.ok(out.startsWith('Authentication-Results: lists.example.org; none\r\n'));
});

test('authservIdOf skips comments and versions', () => {
  assert.equal(authservIdOf('Lists.Example.org 1; dkim=pass'), 'lists.example.org');
  assert.equal(authservIdOf('(comment) mx.example.net; spf=fail'), 'mx.example.net');
  assert.equal(authservIdOf(''), '');
});
