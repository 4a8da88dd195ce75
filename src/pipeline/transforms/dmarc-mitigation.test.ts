import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { DmarcFact } from '../../domain/authentication.ts';
import type { ListSettings } from '../../domain/list-settings.ts';
import { fieldValue, getFields } from '../../mime/index.ts';
import { dmarcMitigation, mitigationReason, senderListed } from './dmarc-mitigation.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { assertGolden, fixture, testContext } from './fixtures/golden.ts';
import { prepareListPost } from './index.ts';

const dir = join(import.meta.dirname, 'fixtures');
const input = fixture(dir, 'dmarc.in.eml');
const fact = (policy: DmarcFact['policy'], domain = 'reject.example'): DmarcFact => ({ domain, orgDomain: domain, policy, lookup: policy ? 'found' : 'none', record: policy ? `v=DMARC1; p=${policy}` : null });
const run = (settings: Partial<ListSettings>, dmarc: DmarcFact | null, raw = input): Buffer =>
  draftToBuffer(dmarcMitigation(draftFromRaw(raw), testContext(settings, { dmarc })));
const values = (raw: Buffer, name: string): string[] => getFields(draftFromRaw(raw).headers, name).map(fieldValue);

test('p=reject: From becomes the list\'s, the author goes to Reply-To and X-Original-From', () => {
  const out = run({}, fact('reject'));
  assertGolden(dir, 'dmarc-munge.out.eml', out);
  assert.deepEqual(values(out, 'from'), ['=?UTF-8?Q?Rita_Ces=C3=A1rio_via_Governance?= <governance@lists.example.org>']);
  assert.deepEqual(values(out, 'reply-to'), ['=?UTF-8?Q?Rita_Ces=C3=A1rio?= <rita@reject.example>']);
  assert.deepEqual(values(out, 'x-original-from'), ['=?UTF-8?Q?Rita_Ces=C3=A1rio?= <rita@reject.example>']);
  assert.deepEqual(values(out, 'cc'), ['Bob <bob@example.org>'], 'Cc untouched');
});

test('the munged From reads "Name via List" once decoded', async () => {
  const parsed = await PostalMime.parse(run({}, fact('quarantine')));
  assert.equal(parsed.from?.name, 'Rita Cesário via Governance');
  assert.equal(parsed.from?.address, 'governance@lists.example.org');
  assert.equal(parsed.replyTo?.[0]?.address, 'rita@reject.example');
});

test('replies to the list (or an explicit address): the author is added to Cc instead', () => {
  for (const settings of [{ replyTo: 'list' as const }, { replyTo: 'explicit' as const, replyToAddress: 'board@example.org' }]) {
    const out = run(settings, fact('reject'));
    assert.deepEqual(values(out, 'cc'), ['Bob <bob@example.org>, =?UTF-8?Q?Rita_Ces=C3=A1rio?= <rita@reject.example>']);
    assert.deepEqual(values(out, 'reply-to'), []);
  }
  const named = Buffer.from(input.toString('latin1').replace('Cc: Bob <bob@example.org>', 'Cc: rita@REJECT.example'), 'latin1');
  assert.deepEqual(values(run({ replyTo: 'list' }, fact('reject'), named), 'cc'), ['rita@REJECT.example'], 'not added twice');
});

test('an author\'s own Reply-To is left alone', () => {
  const withReplyTo = Buffer.from(input.toString('latin1').replace('Subject:', 'Reply-To: elsewhere@example.net\r\nSubject:'), 'latin1');
  assert.deepEqual(values(run({}, fact('reject'), withReplyTo), 'reply-to'), ['elsewhere@example.net']);
});

test('off, p=none, no record, another domain\'s fact, or the list\'s own From: nothing changes', () => {
  assert.deepEqual(run({ dmarcMitigation: 'off' }, fact('reject')), input);
  assert.deepEqual(run({}, fact('none')), input);
  assert.deepEqual(run({}, fact(null)), input);
  assert.deepEqual(run({}, null), input);
  assert.deepEqual(run({}, fact('reject', 'other.example')), input);
  const own = Buffer.from(input.toString('latin1').replace(/^From: .*$/m, 'From: governance@lists.example.org'), 'latin1');
  assert.deepEqual(run({ dmarcMitigation: 'always' }, null, own), own);
});

test('always, and listed senders (even when off)', () => {
  assert.notDeepEqual(run({ dmarcMitigation: 'always' }, null), input);
  for (const entry of ['rita@reject.example', 'reject.example', '@reject.example', 'example', '^rita@']) {
    assert.notDeepEqual(run({ dmarcMitigation: 'off', dmarcMitigateSenders: [entry] }, null), input, entry);
  }
  assert.deepEqual(run({ dmarcMitigation: 'off', dmarcMitigateSenders: ['eject.example', 'ann@reject.example', '^bob@'] }, null), input);
});

test('mitigationReason names the cause; senderListed matches addresses, domains and regexes', () => {
  assert.equal(mitigationReason(testContext({}, { dmarc: fact('reject') }), 'rita@reject.example'), 'p=reject');
  assert.equal(mitigationReason(testContext({ dmarcMitigation: 'always' }), 'rita@reject.example'), 'the list mitigates every post');
  assert.equal(mitigationReason(testContext({ dmarcMitigateSenders: ['reject.example'] }), 'rita@reject.example'), 'sender listed (reject.example)');
  assert.equal(mitigationReason(testContext({}, { dmarc: fact('none') }), 'rita@reject.example'), null);
  assert.equal(senderListed('Ann@Mail.Example.org', 'example.org'), true);
  assert.equal(senderListed('ann@example.org', 'mail.example.org'), false);
  assert.equal(senderListed('ann@example.org', 'ANN@example.org'), true);
  assert.equal(senderListed('ann@example.org', ' '), false);
});

test('wrap: the post goes whole inside a message/rfc822 part of a list-sent multipart/mixed', async () => {
  const out = run({ dmarcMitigationAction: 'wrap' }, fact('reject'));
  assertGolden(dir, 'dmarc-wrap.out.eml', out);
  const text = out.toString('latin1');
  const inner = draftToBuffer(draftFromRaw(input));
  assert.ok(out.includes(inner), 'the inner message is byte for byte the post');
  assert.match(text, /^Content-Type: multipart\/mixed;\s+boundary="=_caucus_[0-9a-f]{24}"\r\n/m);
  assert.match(text, /^Content-Transfer-Encoding: 8bit\r\n\r\n/m, 'outer declares the 8-bit content');
  const outerHead = text.slice(0, text.indexOf('\r\n\r\n'));
  assert.ok(!/^DKIM-Signature:/m.test(outerHead), 'the author\'s signature stays inside');
  assert.ok(/^Received:/m.test(outerHead), 'the trace goes outside too');
  const parsed = await PostalMime.parse(out, { forceRfc822Attachments: true });
  assert.equal(parsed.from?.address, 'governance@lists.example.org');
  assert.equal(parsed.subject, 'Budget for 2025');
  assert.equal(parsed.messageId, '<budget-1@reject.example>');
  assert.equal(parsed.attachments.length, 1);
  assert.equal(parsed.attachments[0]?.mimeType, 'message/rfc822');
  const wrappedPost = await PostalMime.parse(parsed.attachments[0]!.content as ArrayBuffer);
  assert.equal(wrappedPost.from?.address, 'rita@reject.example');
  assert.match(wrappedPost.text ?? '', /The budget is attached in spirit\./);
});

test('wrap keeps LF line endings, and 7-bit posts declare no transfer encoding', () => {
  const lf = Buffer.from('From: ann@reject.example\nTo: governance@lists.example.org\nSubject: hi\n\nplain\n');
  const out = run({ dmarcMitigationAction: 'wrap' }, fact('reject'), lf).toString('latin1');
  assert.ok(!out.includes('\r'));
  assert.ok(!/Content-Transfer-Encoding/.test(out));
  assert.match(out, /\n\nFrom: ann@reject\.example\nTo: governance@lists\.example\.org\nSubject: hi\n\nplain\n\n--=_caucus_[0-9a-f]{24}--\n$/);
});

test('through the whole preparation: prefix and list fields on the outer message, signatures judged', () => {
  const munged = prepareListPost(input, testContext({}, { dmarc: fact('reject') })).toString('latin1');
  assert.match(munged, /^Subject: \[governance\] Budget for 2025\r$/m);
  assert.ok(!munged.includes('DKIM-Signature'), 'a signature over From cannot survive the new From');
  const wrap = prepareListPost(input, testContext({ dmarcMitigationAction: 'wrap' }, { dmarc: fact('reject') })).toString('latin1');
  const head = wrap.slice(0, wrap.indexOf('\r\n\r\n'));
  assert.match(head, /^Subject: \[governance\] Budget for 2025\r$/m);
  assert.match(head, /^List-Id: /m);
  assert.ok(wrap.includes('\r\nSubject: Budget for 2025\r\n'), 'the inner subject has no prefix');
  assert.ok(wrap.includes('DKIM-Signature: v=1'), 'the inner message keeps the author\'s signature');
  assert.ok(!wrap.includes('dkim=pass (forged by the poster)'), 'the forged result is gone, inside too');
});
