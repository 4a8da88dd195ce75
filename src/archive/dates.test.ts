import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolveMessageDate, envelopeDate, receivedDate } from './dates.ts';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';
import { readMbox } from './readers/mbox-reader.ts';
import { readMessageTree } from './readers/maildir-reader.ts';
import { extractOverview } from './overview.ts';

const now = new Date('2026-12-01T00:00:00Z');

test('Date header wins when sane', () => {
  const d = resolveMessageDate({ date: 'Fri, 1 Oct 2010 09:17:37 +0200', received: ['by x; Sat, 2 Oct 2010 00:00:00 +0000'], fromLine: 'From a Fri Oct  1 09:17:37 2010' }, now);
  assert.deepEqual(d, { date: new Date('2010-10-01T07:17:37Z'), source: 'date', suspect: false });
});

test('falls back Date → Resent-Date → Received → From_ line', () => {
  assert.equal(resolveMessageDate({ date: 'garbage', resentDate: 'Mon, 8 Nov 1999 20:53:05 -0600' }, now).date.toISOString(), '1999-11-09T02:53:05.000Z');
  const r = resolveMessageDate({ date: null, received: ['from a by b with SMTP id 1 (no date)', 'from c by d; Wed, 23 Feb 2000 20:13:38 +0100 (MET)'] }, now);
  assert.equal(r.source, 'received');
  assert.equal(r.date.toISOString(), '2000-02-23T19:13:38.000Z');
  const e = resolveMessageDate({ date: 'nonsense', received: [], fromLine: 'From zzz@example.com  Mon Nov  9 21:54:11 1999' }, now);
  assert.deepEqual(e, { date: new Date('1999-11-09T21:54:11Z'), source: 'envelope', suspect: false });
  assert.deepEqual(resolveMessageDate({}, now), { date: new Date(0), source: 'none', suspect: true });
});

test('a suspect Date gives way to a sane later source, and is kept (flagged) otherwise', () => {
  const skewed = resolveMessageDate({ date: 'Thu, 1 Jan 1970 00:00:00 +0000', received: ['x; Tue, 5 Jan 2010 10:00:00 +0000'] }, now);
  assert.deepEqual(skewed, { date: new Date('2010-01-05T10:00:00Z'), source: 'received', suspect: false });
  const future = resolveMessageDate({ date: 'Mon, 1 Jan 2035 00:00:00 +0000' }, now);
  assert.equal(future.source, 'date');
  assert.equal(future.suspect, true);
  const nearFuture = resolveMessageDate({ date: 'Mon, 1 Dec 2026 12:00:00 +0000' }, now);
  assert.equal(nearFuture.suspect, false, 'within a day of now is fine');
  const old = resolveMessageDate({ date: 'Sat, 1 Jan 1977 00:00:00 +0000' }, now);
  assert.equal(old.suspect, true);
});

test('envelope and Received date parts', () => {
  assert.equal(envelopeDate('From tytso@mit.edu Mon Apr 19 15:28:51 2021'), Date.UTC(2021, 3, 19, 15, 28, 51));
  assert.equal(envelopeDate('From baptiste.auguie at googlemail.com  Fri Oct  1 09:17:37 2010'), Date.UTC(2010, 9, 1, 9, 17, 37));
  assert.equal(envelopeDate('From -'), null);
  assert.equal(receivedDate('from x by y id 1'), null);
});

test('HyperKitty date cases: Resent-Date, From_ line, non-ASCII Date', needsCorpus, () => {
  const dir = corpusPath('hyperkitty-testdata');
  const first = async (name: string) => {
    for await (const m of readMbox(`${dir}/${name}`)) return extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
    throw new Error('no message');
  };
  return (async () => {
    const resent = await first('resent-date.txt');
    assert.equal(resent.date.toISOString(), '1999-11-09T02:53:05.000Z');
    const unix = await first('unixfrom-date.txt');
    assert.equal(unix.date.toISOString(), '1999-11-09T21:54:11.000Z');
    assert.equal(unix.dateSource, 'envelope');
    const bad = await first('non-ascii-date-header.txt');
    assert.equal(bad.dateSource, 'envelope');
    assert.equal(bad.date.toISOString(), '2001-06-27T15:23:36.000Z');
  })();
});

test('dates never throw on any corpus message, and nearly all real list mail has a sane Date', needsCorpus, async () => {
  const mboxes = [
    'ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz', 'sourceforge-mailman21/jfs-discussion.mbox.gz',
    'sourceforge-mailman21/openipmi-developer.mbox.gz', 'fedora-devel-2010-01-threads/2010-January.mbox.gz',
    'mailbox-perl-threads/mbox.src', 'bigbang-samples/numpy-discussion-2001-November.txt.gz',
    'mimekit-testdata/mbox/content-length.mbox.txt', 'sisimai-bounces/mailbox/mbox-0',
    ...readdirSync(corpusPath('r-devel-pipermail/r-devel')).map((f) => `r-devel-pipermail/r-devel/${f}`),
  ];
  let total = 0;
  let fromDate = 0;
  let listMail = 0;
  for (const f of mboxes) {
    for await (const m of readMbox(corpusPath(f))) {
      const o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
      total++;
      if (o.dateSource === 'date' && !o.dateSuspect) fromDate++;
      listMail++;
      assert.ok(Number.isFinite(o.date.getTime()));
    }
  }
  for (const dir of ['notmuch-threads', 'hyperkitty-testdata', 'stalwart-mail-parser', 'sisimai-bounces/maildir', 'mimekit-testdata/messages']) {
    for await (const m of readMessageTree(corpusPath(dir))) {
      const o = extractOverview(m.raw, { now });
      total++;
      assert.ok(Number.isFinite(o.date.getTime()));
    }
  }
  assert.ok(total > 14_000, `read ${total}`);
  assert.ok(fromDate / listMail > 0.99, `${fromDate} of ${listMail} dated by their Date header`);
  // Also the raw header values themselves.
  const sample = readFileSync(corpusPath('hyperkitty-testdata/non-ascii-date-header.txt'), 'latin1');
  assert.doesNotThrow(() => resolveMessageDate({ date: /^Date: (.*)$/m.exec(sample)?.[1] ?? '' }, now));
});
