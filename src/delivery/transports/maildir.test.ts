// Maildir delivery: layout (tmp/ empty, one file per recipient in new/), unique names, the
// prepended headers in the message's line-ending style, unusable addresses, failures deferred.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMaildirTransport, deliveryHeaders, maildirName } from './maildir.ts';
import { openTransport } from './index.ts';

const CRLF_MSG = Buffer.from('Subject: hi\r\n\r\nbody\r\n');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'caucus-maildir-'));
}

test('each recipient gets one file in new/, written through tmp/', async () => {
  const dir = await tempDir();
  try {
    const t = openTransport(`maildir:${join(dir, 'box')}`, { maildir: { fsync: true } });
    const to = ['a@example.org', 'b@example.org', 'c@example.org'];
    const { outcomes } = await t.send({ from: 'list-bounces@example.org', to }, CRLF_MSG);
    await t.close();
    assert.deepEqual(outcomes.map((o) => [o.recipient, o.status]), to.map((r) => [r, 'delivered']));
    assert.deepEqual(await readdir(join(dir, 'box', 'tmp')), []);
    assert.deepEqual(await readdir(join(dir, 'box', 'cur')), []);
    const files = (await readdir(join(dir, 'box', 'new'))).sort();
    assert.equal(files.length, 3);
    assert.equal(new Set(files).size, 3);
    for (const f of files) assert.match(f, new RegExp(`^\\d+\\.${process.pid}_\\d+\\.[^/:]+$`));
    const delivered = await Promise.all(files.map((f) => readFile(join(dir, 'box', 'new', f), 'utf8')));
    const seen = delivered.map((text) => /^Delivered-To: (.*)\r$/m.exec(text)?.[1]).sort();
    assert.deepEqual(seen, to);
    for (const text of delivered) {
      assert.ok(text.startsWith('Return-Path: <list-bounces@example.org>\r\nDelivered-To: '));
      assert.ok(text.endsWith('\r\nSubject: hi\r\n\r\nbody\r\n'));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('headers follow the message line ends; the null sender is <>', () => {
  assert.equal(deliveryHeaders('', 'a@example.org', Buffer.from('Subject: x\n\nb\n')).toString(), 'Return-Path: <>\nDelivered-To: a@example.org\n');
  assert.equal(deliveryHeaders('s@example.org', 'a@example.org', CRLF_MSG).toString(), 'Return-Path: <s@example.org>\r\nDelivered-To: a@example.org\r\n');
});

test('unique names escape / and : in the host name', () => {
  assert.equal(maildirName(1700000000.7, 42, 7, 'mx:1/a'), '1700000000.42_7.mx\\0721\\057a');
});

test('unusable addresses fail, duplicates get one file', async () => {
  const dir = await tempDir();
  try {
    const t = createMaildirTransport(dir);
    const { outcomes } = await t.send({ from: 'l@example.org', to: ['a@example.org', 'x\r\n@example.org', 'a@example.org'] }, CRLF_MSG);
    assert.deepEqual(outcomes.map((o) => o.status), ['delivered', 'failed', 'delivered']);
    assert.equal((await readdir(join(dir, 'new'))).length, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a folder that can not be made defers every recipient', async () => {
  const dir = await tempDir();
  try {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'not a folder');
    const t = createMaildirTransport(join(blocker, 'box'));
    const { outcomes } = await t.send({ from: 'l@example.org', to: ['a@example.org', 'b@example.org'] }, CRLF_MSG);
    assert.deepEqual(outcomes.map((o) => [o.status, o.code]), [['deferred', null], ['deferred', null]]);
    assert.match(outcomes[0]?.response ?? '', /^maildir: /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
