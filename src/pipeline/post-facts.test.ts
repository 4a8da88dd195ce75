import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPostFacts, firstNonBlankLines } from './post-facts.ts';
import { eml, fixture } from './rules/fixtures/make-context.ts';

test('decodes headers, addresses, subject and Message-ID', async () => {
  const raw = eml([
    'From: =?iso-8859-1?q?Ren=E9_Dupont?= <Rene@Example.FR>',
    'To: test@lists.example.org, Team: a@example.com, b@example.com;',
    'Cc: "Doe, Jane" <jane@example.com>',
    'Subject: =?utf-8?B?UsOpdW5pb24=?= de =?utf-8?q?d=C3=A9cembre?=',
    '  (suite)',
    'Message-ID:   <abc.123@example.fr>  ',
  ]);
  const f = await extractPostFacts(raw, 'bounce@example.fr');
  assert.deepEqual(f.from, { name: 'René Dupont', address: 'Rene@Example.FR' });
  assert.deepEqual(f.to.map((a) => a.address), ['test@lists.example.org', 'a@example.com', 'b@example.com']);
  assert.deepEqual(f.cc, [{ name: 'Doe, Jane', address: 'jane@example.com' }]);
  // RFC 2047 §6.2: space between adjacent encoded words goes; unfolding keeps the fold's spaces.
  assert.equal(f.subject, 'Réunion de décembre  (suite)');
  assert.equal(f.messageId, 'abc.123@example.fr');
  assert.equal(f.envelopeFrom, 'bounce@example.fr');
  assert.equal(f.size, raw.length);
  assert.equal(f.headers.find((h) => h.name === 'From')?.value, 'René Dupont <Rene@Example.FR>');
});

test('subject is null when missing and empty when present but blank', async () => {
  assert.equal((await extractPostFacts(eml(['From: a@example.com']), null)).subject, null);
  assert.equal((await extractPostFacts(eml(['From: a@example.com', 'Subject:']), null)).subject, '');
  assert.equal((await extractPostFacts(eml(['From: a@example.com', 'Subject: =?utf-8?q?_?=']), null)).subject, '');
});

test("senders follow Mailman's order (From, envelope, Reply-To, Sender), deduplicated", async () => {
  const raw = eml([
    'From: Anne <anne@example.com>',
    'Reply-To: ANNE@example.com, replies@example.com',
    'Sender: owner-bounces@example.org',
  ]);
  const f = await extractPostFacts(raw, 'env@example.net');
  assert.deepEqual(f.senders, ['anne@example.com', 'env@example.net', 'replies@example.com', 'owner-bounces@example.org']);
});

test('an obfuscated Pipermail From yields no sender; the mbox postmark is skipped', async () => {
  const raw = Buffer.from('From joe at example.com  Sat May  1 00:23:01 2010\nFrom: joe at example.com (Joe)\nSubject: [Rd] crash\n\nBody\n');
  const f = await extractPostFacts(raw, null);
  assert.deepEqual(f.senders, []);
  assert.equal(f.subject, '[Rd] crash');
  assert.deepEqual(f.firstLines, ['Body']);
  assert.ok(!f.headers.some((h) => h.name.startsWith('From ')));
});

test('the mbox postmark stands in for a missing envelope sender', async () => {
  const raw = Buffer.from('From env@example.net Sat May  1 00:23:01 2010\nFrom: a@example.com\n\nx\n');
  assert.deepEqual((await extractPostFacts(raw, null)).senders, ['a@example.com', 'env@example.net']);
  assert.deepEqual((await extractPostFacts(raw, 'smtp@example.org')).senders, ['a@example.com', 'smtp@example.org']);
});

test('first lines: text/plain preferred, blank lines skipped, nested messages left out', async () => {
  const f = await extractPostFacts(fixture('multipart-approved.eml'), null);
  assert.deepEqual(f.firstLines, ['Approve: s3cret', 'The servers will be down on Saturday from 08:00 to 10:00 UTC.']);
});

test('first lines: an HTML-only post is converted to text', async () => {
  const f = await extractPostFacts(fixture('html-only.eml'), null);
  assert.equal(f.firstLines[0], 'Approved: s3cret');
  assert.equal(f.firstLines[1], 'Bonjour à tous,');
  assert.match(f.firstLines[2] ?? '', /^voici le rapport\.$/);
  assert.equal(f.subject, 'Approbation préalable');
  assert.equal(f.from?.name, 'Clément');
});

test('first lines stop at ten', async () => {
  const body = Array.from({ length: 30 }, (_, i) => (i % 2 ? '' : `line ${i}`));
  const f = await extractPostFacts(eml(['From: a@example.com', 'Subject: long'], body), null);
  assert.equal(f.firstLines.length, 10);
  assert.equal(f.firstLines[9], 'line 18');
  assert.deepEqual(firstNonBlankLines('a\r\n\r\n  b  \n', 10), ['a', 'b']);
});

test('garbage still yields facts', async () => {
  const inputs = [
    Buffer.alloc(0),
    Buffer.from([0, 255, 254, 10, 13, 10, 0, 1]),
    Buffer.from('no headers at all, just text\n\nand more'),
    Buffer.from('Subject: only headers'),
    Buffer.from('From: <<<@@@>>>\nTo: ,,,;;;\nMessage-ID: <>\nSubject: =?bogus?x?zz?=\n\n'),
    Buffer.from('Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nunterminated'),
  ];
  for (const raw of inputs) {
    const f = await extractPostFacts(raw, null);
    assert.equal(f.size, raw.length);
    assert.ok(Array.isArray(f.senders) && Array.isArray(f.to) && Array.isArray(f.firstLines));
  }
  const odd = await extractPostFacts(inputs[4] ?? Buffer.alloc(0), null);
  assert.equal(odd.messageId, null);
  assert.deepEqual(odd.to, []);
});

test('a message nested past the depth limit still gives its header facts', async () => {
  const depth = 100;
  const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`).join('');
  const raw = Buffer.from(`From: deep@example.com\nSubject: Deep\n${open}Content-Type: text/plain\n\nbottom\n`);
  const f = await extractPostFacts(raw, null);
  assert.equal(f.subject, 'Deep');
  assert.deepEqual(f.senders, ['deep@example.com']);
});

test('headers over the parser limit still yield facts', async () => {
  const huge = `X-Filler: ${'a'.repeat(3 * 1024 * 1024)}`;
  const f = await extractPostFacts(eml(['From: big@example.com', 'Subject: Big', huge]), null);
  assert.equal(f.size > 3 * 1024 * 1024, true);
  assert.equal(f.subject, 'Big');
  assert.deepEqual(f.senders, ['big@example.com']);
  assert.deepEqual(f.firstLines, []);
});
