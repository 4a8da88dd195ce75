import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMbox } from './mbox-reader.ts';
import type { MboxFormat, RawMessage } from './raw-message.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

async function all(source: Parameters<typeof readMbox>[0], format?: MboxFormat): Promise<RawMessage[]> {
  const out: RawMessage[] = [];
  for await (const m of readMbox(source, format ? { format } : {})) out.push(m);
  return out;
}

/** The same bytes cut into chunks of `size`, to exercise every chunk boundary. */
function chunks(text: string, size: number): Buffer[] {
  const b = Buffer.from(text, 'latin1');
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

const MBOXRD = [
  'From alice@example.org Mon Apr 19 15:28:51 2021',
  'From: Alice <alice@example.org>',
  'Subject: one',
  '',
  '>From the start',
  '>>From deeper',
  'a line with >From inside',
  '',
  'From bob@example.org Tue Apr 20 10:00:00 2021',
  'From: Bob <bob@example.org>',
  'Subject: two',
  '',
  'From what I can tell, this body line is not an envelope.',
  'From bob@example.org Tue Apr 20 10:00:00 2021',
  'and neither is this one: no header follows it',
  '',
].join('\n');

test('splits mboxrd, undoes one level of >From quoting, strips the separator line', async () => {
  for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
    const msgs = await all(chunks(MBOXRD, size));
    assert.equal(msgs.length, 2, `chunk size ${size}`);
    const [a, b] = msgs;
    assert.equal(a?.fromLine, 'From alice@example.org Mon Apr 19 15:28:51 2021');
    assert.equal(a?.offset, 0);
    assert.equal(a?.raw.toString(), 'From: Alice <alice@example.org>\nSubject: one\n\nFrom the start\n>From deeper\na line with >From inside\n');
    assert.equal(b?.offset, MBOXRD.indexOf('From bob'));
    assert.match(b?.raw.toString() ?? '', /^From: Bob[\s\S]*this one: no header follows it\n$/);
  }
});

test('mboxo unescapes only single-level >From lines; raw leaves bytes alone', async () => {
  const [o] = await all([Buffer.from(MBOXRD)], 'mboxo');
  assert.match(o?.raw.toString() ?? '', /\nFrom the start\n>>From deeper\n/);
  const [r] = await all([Buffer.from(MBOXRD)], 'raw');
  assert.match(r?.raw.toString() ?? '', /\n>From the start\n>>From deeper\n/);
});

test('Pipermail-style envelopes with spaces in the sender, and undated Netscape/Gmail markers', async () => {
  const text = [
    'From jjl at pobox.com  Thu Nov  1 11:19:12 2001',
    'From: jjl at pobox.com (John J. Lee)',
    '',
    'body',
    'From - Mon Jun  3 12:50:27 1996',
    'Subject: netscape, no blank line before',
    '',
    'x',
    '',
    'From 1844347792267117879@xxx',
    'Subject: takeout',
    '',
    'From Russia with love',
    'Year: 1963',
    '',
  ].join('\n');
  const msgs = await all([Buffer.from(text)]);
  assert.deepEqual(msgs.map((m) => m.fromLine), [
    'From jjl at pobox.com  Thu Nov  1 11:19:12 2001', 'From - Mon Jun  3 12:50:27 1996', 'From 1844347792267117879@xxx',
  ]);
  assert.match(msgs[2]?.raw.toString() ?? '', /From Russia with love\nYear: 1963\n$/);
});

test('CRLF files, a UTF-8 BOM, leading junk and empty input', async () => {
  const crlf = 'From a@b Mon Apr 19 15:28:51 2021\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom a@b Mon Apr 19 15:28:52 2021\r\nSubject: y\r\n\r\nbody2\r\n\r\n';
  const msgs = await all(chunks(crlf, 5));
  assert.deepEqual(msgs.map((m) => m.raw.toString()), ['Subject: x\r\n\r\nbody\r\n', 'Subject: y\r\n\r\nbody2\r\n']);
  const bom = await all([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('From -\nSubject: s\n\nb\n')])]);
  assert.equal(bom.length, 1);
  assert.equal(bom[0]?.offset, 3);
  assert.equal((await all([Buffer.from(' 22\n')])).length, 0, 'noise before the first envelope is not a message');
  const lone = await all([Buffer.from('Subject: no envelope\n\nbody\n')]);
  assert.equal(lone.length, 1);
  assert.equal(lone[0]?.fromLine, undefined);
  assert.equal((await all([])).length, 0);
});

test('reads gzip files transparently, whatever their name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbox-'));
  try {
    writeFileSync(join(dir, 'archive.mbox'), gzipSync(Buffer.from(MBOXRD)));
    writeFileSync(join(dir, 'plain.mbox'), MBOXRD);
    assert.equal((await all(join(dir, 'archive.mbox'))).length, 2);
    assert.equal((await all(join(dir, 'plain.mbox'))).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('corpus mbox files give the message counts their SOURCE.md states', needsCorpus, async () => {
  const expected: Array<[string, number]> = [
    ['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz', 3115],
    ['sourceforge-mailman21/jfs-discussion.mbox.gz', 3475],
    ['sourceforge-mailman21/openipmi-developer.mbox.gz', 3007],
    ['fedora-devel-2010-01-threads/2010-January.mbox.gz', 292],
    ['mailbox-perl-threads/mbox.src', 45],
    ['mailbox-perl-threads/mbox.win', 45],
    ['mimekit-testdata/mbox/content-length.mbox.txt', 29],
    ['mimekit-testdata/mbox/issue1189.mbox.txt', 4],
    ['mimekit-testdata/mbox/simple.mbox.txt', 3],
    // MimeKit splits naively and finds 4; "From Russia with love" is body text, not an envelope.
    ['mimekit-testdata/mbox/unmunged.mbox.txt', 2],
    ['sisimai-bounces/mailbox/mbox-0', 37],
    ['sisimai-bounces/mailbox/mbox-1', 1],
    ['sisimai-bounces/mailbox/size-0', 0],
    ['sisimai-bounces/mailbox/size-1', 0],
    ['sisimai-bounces/mailbox/size-2', 0],
  ];
  for (const [file, count] of expected) {
    let n = 0;
    for await (const m of readMbox(corpusPath(file))) {
      n++;
      assert.ok(m.raw.length > 0, file);
    }
    assert.equal(n, count, file);
  }
});

test('ksummit: offsets point at the From_ lines and ids are 3,112 distinct', needsCorpus, async () => {
  const ids = new Set<string>();
  let last = -1;
  let n = 0;
  for await (const m of readMbox(corpusPath('ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz'))) {
    assert.ok(m.offset > last);
    last = m.offset;
    const id = /^Message-ID:\s*<([^>]+)>/im.exec(m.raw.toString('latin1', 0, 20_000))?.[1];
    if (id) ids.add(id);
    n++;
  }
  assert.equal(n, 3115);
  assert.equal(ids.size, 3112);
});

/** Reads `whole` in random cuts and checks every message against reading it in one piece. */
async function sameWhenChunked(whole: Buffer, maxCut: number, seed: number): Promise<void> {
  const reference = await all([whole]);
  let state = seed;
  const random = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const pieces: Buffer[] = [];
  for (let at = 0; at < whole.length;) {
    const size = 1 + Math.floor(random() * maxCut);
    pieces.push(whole.subarray(at, at + size));
    at += size;
  }
  const got = await all(pieces);
  assert.equal(got.length, reference.length);
  got.forEach((m, k) => {
    assert.equal(m.offset, reference[k]?.offset);
    assert.equal(m.fromLine, reference[k]?.fromLine);
    assert.ok(m.raw.equals(reference[k]?.raw ?? Buffer.alloc(0)), `message ${k}, cuts up to ${maxCut}`);
  });
}

test('any chunking gives the same messages as one whole buffer (random cuts, LF and CRLF)', needsCorpus, async () => {
  const { gunzipSync } = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  const lf = gunzipSync(readFileSync(corpusPath('fedora-devel-2010-01-threads/2010-January.mbox.gz')));
  const crlf = readFileSync(corpusPath('mailbox-perl-threads/mbox.win'));
  for (const [whole, cut, seed] of [[lf, 8, 1], [lf, 5000, 2], [crlf, 6, 3], [crlf, 300, 4]] as const) await sameWhenChunked(whole, cut, seed);
});
