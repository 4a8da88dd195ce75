import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPipermail, isPipermailPeriodFile } from './pipermail-reader.ts';
import { extractOverview } from '../overview.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

const now = new Date('2026-12-01T00:00:00Z');

test('Pipermail period file names', () => {
  for (const n of ['2010-January.txt.gz', '2010-January.txt', '2015q2.txt.gz', '2010.txt.gz', 'Week-of-Mon-20100104.txt.gz', '20100104.txt']) {
    assert.ok(isPipermailPeriodFile(n), n);
  }
  for (const n of ['2010-January.mbox', 'index.html', 'thread.txt']) assert.ok(!isPipermailPeriodFile(n), n);
});

test('keeps "user at host" in the bytes and restores it in the author', async () => {
  const text = 'From jjl at pobox.com  Thu Nov  1 11:19:12 2001\nFrom: jjl at pobox.com (John J. Lee)\nDate: Thu Nov  1 11:19:12 2001\nSubject: [Numpy-discussion] RE: Numeric2\nMessage-ID: <x@y>\n\n>From here\nbody\n\n';
  const msgs = [];
  for await (const m of readPipermail([Buffer.from(text)])) msgs.push(m);
  assert.equal(msgs.length, 1);
  const m = msgs[0];
  assert.ok(m);
  assert.match(m.raw.toString(), /^From: jjl at pobox\.com \(John J\. Lee\)$/m);
  assert.match(m.raw.toString(), /^From here$/m);
  const o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
  assert.deepEqual(o.author, { name: 'John J. Lee', address: 'jjl@pobox.com' });
  assert.equal(o.date.toISOString(), '2001-11-01T11:19:12.000Z');
  assert.equal(o.baseSubject, 'Numeric2');
});

test('r-devel Pipermail archives split into the counts SOURCE.md states', needsCorpus, async () => {
  const expected: Array<[string, number]> = [
    ['r-announce/2010.txt.gz', 18], ['r-devel/2010-April.txt.gz', 285], ['r-devel/2010-August.txt.gz', 301],
    ['r-devel/2010-December.txt.gz', 274], ['r-devel/2010-February.txt.gz', 328], ['r-devel/2010-January.txt.gz', 259],
    ['r-devel/2010-July.txt.gz', 250], ['r-devel/2010-June.txt.gz', 189], ['r-devel/2010-March.txt.gz', 284],
    ['r-devel/2010-May.txt.gz', 234], ['r-devel/2010-November.txt.gz', 302], ['r-devel/2010-October.txt.gz', 280],
    ['r-devel/2010-September.txt.gz', 324], ['r-devel/2020-March.txt.gz', 33], ['r-package-devel/2015q2.txt.gz', 187],
    ['r-package-devel/2015q3.txt.gz', 305], ['r-package-devel/2015q4.txt.gz', 132],
  ];
  let addresses = 0;
  let total = 0;
  for (const [file, count] of expected) {
    let n = 0;
    for await (const m of readPipermail(corpusPath('r-devel-pipermail', file))) {
      n++;
      const o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null });
      total++;
      if (/^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(o.author.address)) addresses++;
      assert.equal(o.dateSource, 'date', `${file} #${n}`);
    }
    assert.equal(n, count, file);
  }
  // Every address is restored except stat.ethz.ch's 2020 obfuscation ("m@ech|er @end|ng |rom ..."), which loses letters.
  assert.equal(total - addresses, 33);
});

test('numpy-discussion 2001 (Mailman 2.0): 164 messages; the known message keeps its own words, not its quotes', needsCorpus, async () => {
  let n = 0;
  let found = false;
  for await (const m of readPipermail(corpusPath('bigbang-samples/numpy-discussion-2001-November.txt.gz'))) {
    n++;
    const o = extractOverview(m.raw, { now, fromLine: m.fromLine ?? null, quoteText: 'all' });
    assert.equal(o.dateSuspect, false);
    if (o.messageId === 'E165uMn-0002IJ-00@spock.physics.mcgill.ca') {
      found = true;
      assert.match(o.text, /But seemingly it is even stranger than this\./);
      assert.doesNotMatch(o.text, /Is it a problem of lapack3\.0 of of/);
      assert.ok(o.quotes.some((q) => q.text.includes('Is it a problem of lapack3.0 of of')));
    }
  }
  assert.equal(n, 164);
  assert.ok(found);
});
