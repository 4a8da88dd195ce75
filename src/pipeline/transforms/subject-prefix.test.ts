import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { decodeEncodedWords, getValue } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { fillPrefix, prefixPattern, prefixSubject, subjectPrefix } from './subject-prefix.ts';
import type { TransformContext } from './types.ts';

const dir = join(import.meta.dirname, 'fixtures');
const run = (name: string, ctx: TransformContext = testContext()): Buffer => draftToBuffer(subjectPrefix(draftFromRaw(fixture(dir, `${name}.in.eml`)), ctx));
const subjectOf = (raw: Buffer): string => decodeEncodedWords(getValue(draftFromRaw(raw).headers, 'subject') ?? '');

test('prefixes without stacking, as Mailman does', () => {
  const p = prefixPattern('[{list_name}]', 'x');
  assert.equal(prefixSubject('foo', '[x]', p), '[x] foo');
  assert.equal(prefixSubject('Re: [x] Re: [x] foo', '[x]', p), '[x] Re: foo');
  assert.equal(prefixSubject('[X] foo', '[x]', p), '[x] foo');
  assert.equal(prefixSubject('Fwd: [x] foo', '[x]', p), '[x] Fwd: foo');
  assert.equal(prefixSubject('[x]', '[x]', p), '[x] (no subject)');
  assert.equal(prefixSubject('sv: aw: re[2]: foo', '[x]', p), '[x] Re: foo');
});

test('a {sequence} prefix matches any earlier number', () => {
  const p = prefixPattern('[{list_name} {sequence}]', 'x');
  assert.equal(prefixSubject('Re: [x 41] topic', fillPrefix('[{list_name} {sequence}]', 'x', 42), p), '[x 42] Re: topic');
  assert.equal(fillPrefix('[{list_name} {sequence}]', 'x', null), '[x]');
});

test('folded, stacked subject (CRLF)', () => {
  const out = run('subject-stacked');
  assert.equal(subjectOf(out), '[governance] Re: Meeting on Tuesday');
  assertGolden(dir, 'subject-stacked.out.eml', out);
});

test('an ISO-8859-1 encoded subject is re-encoded in ISO-8859-1', () => {
  const out = run('subject-encoded-latin1');
  assert.equal(subjectOf(out), "[governance] Re: Réunion de l'équipe");
  assert.match(out.toString(), /=\?ISO-8859-1\?Q\?/i);
  assertGolden(dir, 'subject-encoded-latin1.out.eml', out);
});

test('a raw 8-bit UTF-8 subject is encoded as UTF-8 words and folded within 78 characters', () => {
  const out = run('subject-8bit-utf8');
  const field = out.toString().split('\n\n')[0]?.split(/\n(?! )/).find((l) => l.startsWith('Subject:')) ?? '';
  for (const line of field.split('\n')) assert.ok(line.length <= 78, line);
  assert.equal(/[^\x00-\x7f]/.test(field), false);
  assert.equal(subjectOf(out), '[governance] Ünïcödé without encoding, and a subject long enough that it must be folded onto more lines');
  assertGolden(dir, 'subject-8bit-utf8.out.eml', out);
});

test('no subject becomes "[x] (no subject)"', () => {
  const out = run('subject-missing');
  assert.equal(subjectOf(out), '[governance] (no subject)');
  assertGolden(dir, 'subject-missing.out.eml', out);
});

test('a sequence number prefix, and an empty prefix that leaves the subject alone', () => {
  const out = run('subject-stacked', testContext({ subjectPrefix: '[{list_name} #{sequence}]' }));
  assert.equal(subjectOf(out), '[governance #42] Re: Meeting on Tuesday');
  const raw = fixture(dir, 'subject-stacked.in.eml');
  assert.deepEqual(draftToBuffer(subjectPrefix(draftFromRaw(raw), testContext({ subjectPrefix: '' }))), raw);
});

test('an already prefixed subject keeps its bytes', () => {
  const raw = Buffer.from('Subject: [governance]   foo\r\n\r\nx\r\n');
  assert.deepEqual(draftToBuffer(subjectPrefix(draftFromRaw(raw), testContext())), raw);
});
