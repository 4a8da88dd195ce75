import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateText } from './date-text.ts';

const iso = (s: string): string | null => {
  const p = parseDateText(s);
  return p ? new Date(p.ms).toISOString() : null;
};

test('RFC 5322 dates, with and without weekday, seconds and comments', () => {
  assert.equal(iso('Fri, 1 Oct 2010 09:17:37 +0200'), '2010-10-01T07:17:37.000Z');
  assert.equal(iso('1 Oct 2010 09:17 -0000'), '2010-10-01T09:17:00.000Z');
  assert.equal(iso('Fri,  6 Apr 2007 15:43:55 -0700 (PDT)'), '2007-04-06T22:43:55.000Z');
  assert.equal(iso('Sun, 8 Aug 1999 10:04:17 +0200 (MET DST)'), '1999-08-08T08:04:17.000Z');
  assert.equal(iso('Mon, 19 Apr 2021 15:28:51 +0530'), '2021-04-19T09:58:51.000Z');
});

test('obsolete forms: named zones, two- and three-digit years, military zones (RFC 5322 §4.3)', () => {
  assert.equal(iso('Wed, 14 Jun 2000 11:53:11 EDT'), '2000-06-14T15:53:11.000Z');
  assert.equal(iso('Wed, 17 May 2000 08:46:17 CST'), '2000-05-17T14:46:17.000Z');
  assert.equal(iso('Wed, 23 Feb 00 20:13:37 +0100'), '2000-02-23T19:13:37.000Z');
  assert.equal(iso('Thu, 3 Jan 99 10:00:00 GMT'), '1999-01-03T10:00:00.000Z');
  assert.equal(iso('Thu, 3 Jan 103 10:00:00 GMT'), '2003-01-03T10:00:00.000Z');
  assert.equal(iso('Thu, 3 Jan 2003 10:00:00 Z'), '2003-01-03T10:00:00.000Z');
  assert.equal(iso('Thu, 3 Jan 2003 10:00:00 J'), null, 'J is not a military zone');
  assert.equal(iso('Thu, 3 Jan 2003 10:00:00 A'), '2003-01-03T10:00:00.000Z');
  assert.equal(iso('Tue, 4 Jan 2005 10:00:00 CET'), '2005-01-04T09:00:00.000Z');
});

test('missing zone is read as UTC and reported', () => {
  const p = parseDateText('Thu, 1 Nov 2001 11:19:12');
  assert.ok(p);
  assert.equal(new Date(p.ms).toISOString(), '2001-11-01T11:19:12.000Z');
  assert.equal(p.zoneKnown, false);
  assert.equal(p.timeKnown, true);
});

test('asctime (mbox, Pipermail), with zone before the year and without seconds', () => {
  assert.equal(iso('Thu Nov  1 11:19:12 2001'), '2001-11-01T11:19:12.000Z');
  assert.equal(iso('Wed Feb  9 22:02 MET 2000'), '2000-02-09T21:02:00.000Z');
  assert.equal(iso('Mon Nov  9 21:54:11 1999'), '1999-11-09T21:54:11.000Z');
});

test('ISO 8601 and the numeric forms attributions use', () => {
  assert.equal(iso('2010-01-04T15:14:00Z'), '2010-01-04T15:14:00.000Z');
  assert.equal(iso('2010-01-04 15:14'), '2010-01-04T15:14:00.000Z');
  assert.equal(iso('1/9/2007 1:21 AM'), '2007-01-09T01:21:00.000Z');
  assert.equal(iso('01/04/2010 05:29 PM'), '2010-01-04T17:29:00.000Z');
  assert.equal(iso('Mon, Jan 4, 2010 at 3:14 PM'), '2010-01-04T15:14:00.000Z');
  assert.equal(iso('Thu, Mar 30, 2000 at 06:27:54PM -0500'), '2000-03-30T23:27:54.000Z');
  assert.equal(iso('Thursday, February 24, 2000 10:42 AM'), '2000-02-24T10:42:00.000Z');
  assert.equal(iso('12:30 AM 1/9/2007'), '2007-01-09T00:30:00.000Z');
});

test('date without time', () => {
  const p = parseDateText('Tue, 30 Oct 2001');
  assert.ok(p);
  assert.equal(p.timeKnown, false);
  assert.equal(new Date(p.ms).toISOString(), '2001-10-30T00:00:00.000Z');
});

test('garbage gives null and never throws', () => {
  for (const s of ['', 'garbage', '��, 27 6 2001 15:23:36', '32 Jan 2001 10:00:00 +0000', '30 Feb 2001 10:00:00 +0000',
    'Mon, 1 Jan 2001 25:00:00 +0000', 'Mon, 1 Jan 2001 10:00:00 +2400', '1 2 3 4 5 6 7 8 9 10 11 12 13', 'x'.repeat(10_000),
    '((((((((((', 'Jan Feb Mar', '1/2/3/4', '99999 Jan 1']) {
    assert.equal(iso(s), null, s.slice(0, 40));
  }
});
