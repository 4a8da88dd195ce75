import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBody } from './body-split.ts';

test('plain text without quotes passes through whole', () => {
  const s = splitBody('Hello,\n\nno quotes here.\n');
  assert.deepEqual(s, { text: 'Hello,\n\nno quotes here.', quotes: [], attribution: null, scrubbedAttachments: [] });
});

test('"On ... wrote:" attribution, quote blocks, signature', () => {
  const s = splitBody([
    'Intro line.',
    '',
    'On Mon, Jan 4, 2010 at 3:14 PM, John Doe <jd@example.org> wrote:',
    '> first quoted line',
    '>',
    '> > deeper quote',
    '> second quoted line',
    '',
    'My answer.',
    '',
    '-- ',
    'Sig line',
  ].join('\n'));
  assert.equal(s.text, 'Intro line.\n\nMy answer.');
  assert.equal(s.quotes.length, 1);
  assert.equal(s.quotes[0]?.text, 'first quoted line\n\n> deeper quote\nsecond quoted line');
  assert.equal(s.attribution?.style, 'wrote');
  assert.equal(s.attribution?.name, 'John Doe');
  assert.equal(s.attribution?.address, 'jd@example.org');
  assert.equal(s.attribution?.date?.toISOString(), '2010-01-04T15:14:00.000Z');
  assert.equal(s.attribution?.zoneKnown, false);
});

test('an attribution wrapped over two lines', () => {
  const s = splitBody('On Tue, 30 Oct 2001, Perry\nGreenfield wrote:\n> quoted\nreply\n');
  assert.equal(s.attribution?.name, 'Perry Greenfield');
  assert.equal(s.attribution?.date?.toISOString(), '2001-10-30T00:00:00.000Z');
  assert.equal(s.text, 'reply');
});

test('GroupWise ">>> user at host date >>>": what follows is the quoted original', () => {
  const s = splitBody('Sounds right to me.\n\n>>> jdoe at example.com 1/9/2007 1:21 AM >>>\nThe original text\nsecond line\n');
  assert.equal(s.text, 'Sounds right to me.');
  assert.equal(s.attribution?.style, 'groupwise');
  assert.equal(s.attribution?.address, 'jdoe@example.com');
  assert.equal(s.attribution?.date?.toISOString(), '2007-01-09T01:21:00.000Z');
  assert.equal(s.quotes[0]?.text, 'The original text\nsecond line');
});

test('Outlook "-----Original Message-----", plain and ">"-quoted', () => {
  const top = splitBody([
    'Top-posted answer.',
    '',
    '-----Original Message-----',
    'From: Steve Sapovits [mailto:SapovitsS@example.com]',
    'Sent: Wednesday, February 23, 2000 10:58 AM',
    'To: list@example.org',
    'Subject: Transparency question',
    '',
    "I'm trying to do the following:",
  ].join('\n'));
  assert.equal(top.text, 'Top-posted answer.');
  assert.equal(top.attribution?.style, 'outlook');
  assert.equal(top.attribution?.name, 'Steve Sapovits');
  assert.equal(top.attribution?.address, 'SapovitsS@example.com');
  assert.equal(top.attribution?.date?.toISOString(), '2000-02-23T10:58:00.000Z');
  assert.equal(top.quotes[0]?.text, "I'm trying to do the following:");
  const quoted = splitBody('Answer.\n\n> -----Original Message-----\n> From:\tSteve [SMTP:s@example.com]\n> Sent:\tWednesday, February 23, 2000 10:58 AM\n> \n> Body text\n');
  assert.equal(quoted.attribution?.address, 's@example.com');
  assert.equal(quoted.quotes[0]?.text, 'Body text');
  const rule = splitBody('Answer.\n\n________________________________\nFrom: Ann <ann@example.org>\nSent: 5 March 2015 10:00\nSubject: x\n\nOriginal.\n');
  assert.equal(rule.attribution?.style, 'outlook');
  assert.equal(rule.attribution?.name, 'Ann');
});

test('Mailman footers and Pipermail scrubber notes are not indexed', () => {
  const s = splitBody([
    'Real text.',
    '_______________________________________________',
    'Jfs-discussion mailing list',
    'Jfs-discussion@lists.sourceforge.net',
  ].join('\n'));
  assert.equal(s.text, 'Real text.');
  const p = splitBody([
    'Text.',
    '-------------- next part --------------',
    'A non-text attachment was scrubbed...',
    'Name: report.pdf',
    'Type: application/pdf',
    '-------------- next part --------------',
    'An HTML attachment was scrubbed...',
    'URL: <https://example.org/attachment.html>',
  ].join('\n'));
  assert.equal(p.text, 'Text.');
  assert.deepEqual(p.scrubbedAttachments, ['report.pdf', 'attachment.html']);
});

test('pathological input stays linear', () => {
  const s = splitBody(`${'> '.repeat(50_000)}\n${'-'.repeat(100_000)}\n${'On a, '.repeat(10_000)} wrote:\n> x\n`);
  assert.ok(s.quotes.length >= 1);
});

test('an Outlook header with nothing above it opens an inline reply: own lines below still count', () => {
  const s = splitBody([
    '-----Original Message-----',
    'From: Vijay <v@example.com>',
    'Sent: Wednesday, November 6, 2019 1:58 AM',
    'Subject: Re: [PATCH] x',
    '',
    '    On Tue, Nov 05, 2019 at 11:47:31AM -0800, Vijay wrote:',
    '    > Removed check for request or response',
    '    ',
    '    You still need to check the length.',
    '',
    'Agreed, will fix in v2.',
  ].join('\n'));
  assert.equal(s.attribution?.style, 'outlook');
  assert.equal(s.attribution?.address, 'v@example.com');
  assert.match(s.text, /You still need to check the length\.\n\nAgreed, will fix in v2\.$/);
  assert.doesNotMatch(s.text, /Removed check/);
});

test('long runs of blank lines and dashes stay linear', () => {
  const s = splitBody(`${'\n'.repeat(200_000)}x\n${' -- '.repeat(50_000)}\n-- \nsig`);
  assert.equal(s.text, `x\n${' -- '.repeat(50_000)}`.trim());
});

test('hostile lines (all dashes, endless ">>>") stay linear', () => {
  const dashes = '-'.repeat(200_000);
  assert.equal(splitBody(`a\n${dashes}\nb`).text, `a\n${dashes}\nb`);
  assert.equal(splitBody(`>>> ${'1/1/2000 '.repeat(20_000)}`).quotes.length, 1);
});
