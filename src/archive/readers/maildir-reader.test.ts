import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMaildir, readMessageTree } from './maildir-reader.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';

test('Maildir: cur/ then new/, name order, tmp/ and dot files ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maildir-'));
  try {
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'new', '1700000002.M2P1.host'), 'Subject: c\n\nc\n');
    writeFileSync(join(dir, 'cur', '1700000001.M1P1.host:2,S'), 'Subject: b\n\nb\n');
    writeFileSync(join(dir, 'cur', '1700000000.M0P1.host:2,'), 'Subject: a\n\na\n');
    writeFileSync(join(dir, 'tmp', '1700000003.M3P1.host'), 'Subject: partial\n');
    writeFileSync(join(dir, 'cur', '.hidden'), 'x');
    const subjects: string[] = [];
    for await (const m of readMaildir(dir)) {
      subjects.push(m.raw.toString().split('\n')[0] ?? '');
      assert.equal(m.offset, 0);
      assert.ok(m.path?.startsWith(dir));
    }
    assert.deepEqual(subjects, ['Subject: a', 'Subject: b', 'Subject: c']);
    const tree: string[] = [];
    for await (const m of readMessageTree(dir)) tree.push(m.raw.toString().split('\n')[0] ?? '');
    assert.deepEqual(tree, ['Subject: a', 'Subject: b', 'Subject: c']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing Maildir folder reads as empty', async () => {
  const seen = [];
  for await (const m of readMaildir(join(tmpdir(), 'no-such-maildir-here'))) seen.push(m);
  assert.equal(seen.length, 0);
});

test('notmuch corpora: 53 files in default/, 9 duplicates, Maildir cur/ of parent-priority', needsCorpus, async () => {
  let n = 0;
  for await (const m of readMessageTree(corpusPath('notmuch-threads/default'))) { n++; assert.ok(m.raw.length > 0); }
  assert.equal(n, 53);
  n = 0;
  for await (const _ of readMessageTree(corpusPath('notmuch-threads/duplicate'))) n++;
  assert.equal(n, 9);
  n = 0;
  for await (const _ of readMaildir(corpusPath('notmuch-threads/threading/parent-priority'))) n++;
  assert.equal(n, 3);
  n = 0;
  for await (const _ of readMessageTree(corpusPath('sisimai-bounces/maildir'))) n++;
  assert.ok(n >= 629);
});
