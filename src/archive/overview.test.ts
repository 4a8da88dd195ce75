import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractOverview, syntheticMessageId } from './overview.ts';
import { extractOverviewThorough } from './overview-thorough.ts';
import { readMbox } from './readers/mbox-reader.ts';
import { readMessageTree } from './readers/maildir-reader.ts';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';

const now = new Date('2026-12-01T00:00:00Z');
const msg = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

test('a multipart reply: ids, decoded subject, author, thread headers, text, attachments', () => {
  const raw = msg([
    'Received: from a by b; Tue, 5 Jan 2010 10:00:05 +0000',
    'Message-ID: <reply@example.org>',
    'In-Reply-To: <parent@example.org> (Alice\'s message of Tue)',
    'References: <root@example.org>',
    '  <parent@example.org> <reply@example.org>',
    'Subject: Re: [Dev-list] =?UTF-8?Q?caf=C3=A9?=',
    '  talk',
    'From: =?UTF-8?B?QsOpYQ==?= <bea@example.org>',
    'Date: Tue, 5 Jan 2010 11:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="XX"',
    '',
    '--XX',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'On Tue, 5 Jan 2010 09:00:00 +0100, Alice <alice@example.org> wrote:',
    '> quoted words',
    '',
    'Caf=E9 is open again today.',
    '--XX',
    'Content-Type: application/pdf; name="menu.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0=',
    '--XX--',
    '',
  ]);
  const o = extractOverview(raw, { now, quoteText: 'all' });
  assert.equal(o.messageId, 'reply@example.org');
  assert.equal(o.messageIdSynthetic, false);
  assert.equal(o.subject, 'Re: [Dev-list] café talk');
  assert.equal(o.baseSubject, 'café talk');
  assert.equal(o.isReply, true);
  assert.deepEqual(o.author, { name: 'Béa', address: 'bea@example.org' });
  assert.equal(o.date.toISOString(), '2010-01-05T10:00:00.000Z');
  assert.equal(o.dateSource, 'date');
  assert.equal(o.inReplyTo, 'parent@example.org');
  assert.deepEqual(o.references, ['root@example.org', 'parent@example.org']);
  assert.equal(o.text, 'Café is open again today.');
  assert.equal(o.quotes[0]?.text, 'quoted words');
  assert.equal(o.attribution?.address, 'alice@example.org');
  assert.equal(o.attribution?.date?.toISOString(), '2010-01-05T08:00:00.000Z');
  assert.equal(o.attachmentCount, 1);
  assert.deepEqual(o.attachmentNames, ['menu.pdf']);
  assert.equal(o.size, raw.length);
  assert.ok(o.fingerprint.length > 0);
  assert.equal(o.complete, true);
  // By default only messages without references carry their quotes' text and what their
  // attributions say (what inference reads); a reply's attribution line is still found and kept
  // out of its text.
  const lean = extractOverview(raw, { now });
  assert.equal(lean.quotes[0]?.text, '');
  assert.equal(lean.attribution?.address, null);
  assert.equal(lean.attribution?.date, null);
  assert.equal(lean.attribution?.line, o.attribution?.line);
  assert.equal(lean.text, o.text);
});

test('no Message-ID: a stable synthetic id from the bytes, flagged', () => {
  const raw = msg(['From: a@example.org', 'Subject: x', '', 'body']);
  const o = extractOverview(raw, { now });
  assert.equal(o.messageIdSynthetic, true);
  assert.equal(o.messageId, syntheticMessageId(raw));
  assert.equal(extractOverview(Buffer.from(raw), { now }).messageId, o.messageId);
  assert.notEqual(extractOverview(msg(['From: a@example.org', 'Subject: y', '', 'body']), { now }).messageId, o.messageId);
  assert.match(o.messageId, /^[0-9a-f]{32}@synthetic\.invalid$/);
});

test('DMARC-munged From: the author comes back from X-Original-From or Reply-To', () => {
  const munged = extractOverview(msg([
    'From: Jane Doe via Jfs-discussion <jfs-discussion@lists.sourceforge.net>',
    'Reply-To: Jane Doe <jane@example.com>',
    'Subject: x', '', 'b',
  ]), { now });
  assert.deepEqual(munged.author, { name: 'Jane Doe', address: 'jane@example.com' });
  const withList = extractOverview(msg(['From: Jo <list@example.org>', 'X-Original-From: Jo <jo@example.com>', '', 'b']), { now, listAddress: 'list@example.org' });
  assert.deepEqual(withList.author, { name: 'Jo', address: 'jo@example.com' });
});

test('a message of nothing but garbage still gives an overview', () => {
  for (const raw of [Buffer.alloc(0), Buffer.from('\n\n\n'), Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x3a]), Buffer.from('Content-Type: multipart/mixed; boundary=\n\n--\n--\n')]) {
    const o = extractOverview(raw, { now });
    assert.equal(typeof o.messageId, 'string');
    assert.equal(o.dateSource, 'none');
  }
});

test('the thorough path hands incomplete structures to a full parser', async () => {
  const raw = msg(['Message-ID: <b@x>', 'Content-Type: multipart/mixed', '', 'text without any boundary', '']);
  const fast = extractOverview(raw, { now });
  assert.equal(fast.complete, false);
  const full = await extractOverviewThorough(raw, { now });
  assert.equal(full.complete, true);
  assert.equal(full.messageId, 'b@x');
});

test('HyperKitty cases: parent references, attachments, charsets', needsCorpus, async () => {
  const hk = (name: string) => {
    const raw = readFileSync(corpusPath('hyperkitty-testdata', name));
    return extractOverview(name.endsWith('.gz') ? gunzipSync(raw) : raw, { now });
  };
  assert.equal(hk('strange-in-reply-to-header.txt').inReplyTo, '200704070053.46646.other.person@example.com');
  assert.equal(hk('wrong-in-reply-to-header.txt').inReplyTo, null);
  assert.deepEqual(hk('attachment-1.txt').attachmentNames, ['puntogil.vcf']);
  assert.equal(hk('attachment-3.txt').attachmentCount, 1);
  assert.equal(hk('older-2015/attachment-1.txt').text, 'This is a test message.');
  // A PGP signature is not an attachment here (Mailman 2's scrubber counted it); it sets `signed`.
  const signed = hk('older-2015/attachment-2.txt');
  assert.equal(signed.attachmentCount, 0);
  assert.equal(signed.signed, true);
  assert.equal(signed.text, 'This is a test message\nNon-ascii chars: Hofmühlgasse');
  const jpeg = hk('older-2015/attachment-3.txt.gz');
  assert.deepEqual(jpeg.attachmentNames, ['GeoffreyRoucourt.jpg']);
  assert.equal(jpeg.text, 'This is a test message');
  // A modern reading of RFC 2231 keeps the accent HyperKitty once lost.
  assert.deepEqual(hk('older-2015/attachment-4.txt').attachmentNames, ['todo-déjeuner.txt']);
  assert.equal(hk('older-2015/payload-utf8.txt').text, 'This message contains non-ascii characters:\né è ç à î ï ë €');
  assert.equal(hk('older-2015/html-email-1.txt').text, 'This is a test message\nNon-ASCII chars: réponse français');
  assert.doesNotMatch(hk('older-2015/pipermail_nextpart.txt').text, /next part/);
  assert.equal(hk('non-ascii-headers.txt').author.name, 'Vít Ondruch');
});

test('every corpus message gives an overview; the fast path understands nearly all', needsCorpus, async () => {
  let total = 0;
  let incomplete = 0;
  const mboxes = ['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz', 'sourceforge-mailman21/openipmi-developer.mbox.gz',
    'mimekit-testdata/mbox/content-length.mbox.txt', 'mailbox-perl-threads/mbox.win'];
  for (const f of mboxes) {
    for await (const m of readMbox(corpusPath(f))) {
      const o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
      total++;
      if (!o.complete) {
        incomplete++;
        assert.equal((await extractOverviewThorough(m.raw, { now })).complete, true);
      }
    }
  }
  for (const dir of ['stalwart-mail-parser', 'mimekit-testdata/messages', 'talon-quotes', 'mailman3-content-filter', 'sisimai-bounces/maildir']) {
    for await (const m of readMessageTree(corpusPath(dir))) {
      const raw = m.path?.endsWith('.gz') ? gunzipSync(m.raw) : m.raw;
      const o = extractOverview(raw, { now });
      total++;
      if (!o.complete) incomplete++;
    }
  }
  assert.ok(total > 7000);
  assert.ok(incomplete / total < 0.01, `${incomplete} of ${total} need the full parser`);
});

test('raw 8-bit headers that are not UTF-8 are read in the body charset', () => {
  const raw = Buffer.concat([
    Buffer.from('From: '), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(' <z@example.cn>\nSubject: '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
    Buffer.from('\nContent-Type: text/plain; charset=gb2312\n\nbody\n'),
  ]);
  const o = extractOverview(raw, { now });
  assert.equal(o.subject, '中文');
  assert.equal(o.author.name, '张三');
});
