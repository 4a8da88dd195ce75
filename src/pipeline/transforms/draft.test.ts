import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';
import { walkMime } from '../../mime/index.ts';
import { draftFromRaw, draftToBuffer, replacePartBody } from './draft.ts';

test('a draft serializes back to the exact bytes, CRLF or LF, 8-bit included', () => {
  for (const raw of [
    Buffer.from('Subject: a\r\n b\r\nX: \xff\r\n\r\nbody\r\n', 'latin1'),
    Buffer.from('Subject: a\n\nbody'),
    Buffer.from('Subject: only headers\n'),
    Buffer.from(''),
  ]) {
    assert.deepEqual(draftToBuffer(draftFromRaw(raw)), raw);
  }
});

test('replacing one part body leaves every other byte in place', () => {
  const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n--b--\n');
  const draft = draftFromRaw(raw);
  const second = walkMime(draftToBuffer(draft))[2];
  assert.ok(second);
  const out = draftToBuffer(replacePartBody(draft, second, Buffer.from('TWO!')));
  assert.equal(out.toString(), 'Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\nTWO!\n--b--\n');
});

test('every message file of the MIME corpora round-trips byte for byte', needsCorpus, () => {
  const roots = ['mailman3-content-filter', 'hyperkitty-testdata', 'stalwart-mail-parser/resources/eml', 'mimekit-testdata/messages'].map((d) => corpusPath(d));
  let n = 0;
  for (const root of roots) {
    const stack = [root];
    while (stack.length) {
      const dir = stack.pop() ?? '';
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) stack.push(p);
        else if (/\.(?:eml|txt)$/.test(name)) {
          const raw = readFileSync(p);
          const draft = draftFromRaw(raw);
          // A body that starts without an empty line gets one when serialized; everything else is exact.
          if (draft.separator.length > 0 || draft.body.length === 0) assert.deepEqual(draftToBuffer(draft), raw, p);
          n++;
        }
      }
    }
  }
  assert.ok(n > 100);
});
