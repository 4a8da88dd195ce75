// The detector table is data: each id names its file, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectors } from './index.ts';

test('every detector id is unique and equals its file name', () => {
  const ids = detectors.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(existsSync(join(import.meta.dirname, `${id}.ts`)), id);
});

test('standard reports are tried first, the loosest text patterns last', () => {
  const ids = detectors.map((d) => d.id);
  assert.equal(ids.indexOf('feedback-report'), 0);
  assert.ok(ids.indexOf('dsn') < ids.indexOf('simple-match'));
  assert.equal(ids[ids.length - 1], 'error-lines');
});
