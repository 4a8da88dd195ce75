import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { formatMboxrd, writeMboxrd } from './mboxrd-writer.ts';
import { readMbox } from './mbox-reader.ts';
import { asctime, formatEnvelope } from './envelope.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

test('escapes ^>*From lines with one more >, adds a separator, builds a From_ line when none is known', () => {
  const raw = Buffer.from('Subject: x\n\nFrom here\n>From there\n>>From deep\nnot From this\n');
  const out = formatMboxrd({ raw, sender: 'a@example.org', date: new Date('2021-04-09T05:06:07Z') }).toString();
  assert.equal(out, 'From a@example.org Fri Apr  9 05:06:07 2021\nSubject: x\n\n>From here\n>>From there\n>>>From deep\nnot From this\n\n');
  assert.equal(formatMboxrd({ raw: Buffer.from('Subject: y\n\nno newline'), fromLine: 'From - Mon Jun  3 12:50:27 1996' }).toString(),
    'From - Mon Jun  3 12:50:27 1996\nSubject: y\n\nno newline\n\n');
});

test('asctime and envelope lines', () => {
  assert.equal(asctime(new Date('2021-04-19T15:28:51Z')), 'Mon Apr 19 15:28:51 2021');
  assert.equal(formatEnvelope(null, new Date('2000-01-01T00:00:00Z')), 'From MAILER-DAEMON Sat Jan  1 00:00:00 2000');
  assert.equal(formatEnvelope('user at host.org', new Date('2000-01-01T00:00:00Z')), 'From user@host.org Sat Jan  1 00:00:00 2000');
  assert.equal(formatEnvelope('odd sender', new Date('2000-01-01T00:00:00Z')), 'From oddsender Sat Jan  1 00:00:00 2000');
});

test('write then read gives back the same messages', async () => {
  const msgs = [
    { raw: Buffer.from('Subject: 1\n\nFrom me\n>From you\n'), sender: 'a@b', date: new Date(0) },
    { raw: Buffer.from('Subject: 2\n\nlast line without newline'), sender: 'c@d', date: new Date(1e12) },
  ];
  const chunks: Buffer[] = [];
  for await (const c of writeMboxrd(msgs)) chunks.push(c);
  const back = [];
  for await (const m of readMbox(chunks)) back.push(m.raw.toString());
  assert.deepEqual(back, ['Subject: 1\n\nFrom me\n>From you\n', 'Subject: 2\n\nlast line without newline\n']);
});

test('ksummit: read then write is byte for byte the original mboxrd', needsCorpus, async () => {
  const file = corpusPath('ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz');
  const original = createHash('sha256');
  let originalBytes = 0;
  for await (const c of createReadStream(file).pipe(createGunzip())) {
    original.update(c as Buffer);
    originalBytes += (c as Buffer).length;
  }
  const rewritten = createHash('sha256');
  let rewrittenBytes = 0;
  let n = 0;
  for await (const c of writeMboxrd(readMbox(file))) {
    rewritten.update(c);
    rewrittenBytes += c.length;
    n++;
  }
  assert.equal(n, 3115);
  assert.equal(rewrittenBytes, originalBytes);
  assert.equal(rewritten.digest('hex'), original.digest('hex'));
});
