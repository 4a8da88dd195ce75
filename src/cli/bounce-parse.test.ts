// `caucus bounce-parse`: registered on a bare program with a captured io, run like the shell would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { bounceParseCommand } from './bounce-parse.ts';
import { isCaucusError } from '../domain/errors.ts';

function run(args: string[], stdin = ''): Promise<string> {
  const out: string[] = [];
  const program = new Command().exitOverride();
  bounceParseCommand.register(program, { out: (t) => out.push(t), err: () => {}, stdin: Readable.from([stdin]) }, async () => undefined);
  return program.parseAsync(['bounce-parse', ...args], { from: 'user' }).then(() => out.join(''));
}

const BOUNCE = [
  'From: MAILER-DAEMON@mx.example.org',
  'To: list-bounces@lists.example.net',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'Your message could not be delivered.',
  '--b',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.org',
  '',
  'Final-Recipient: rfc822; gone@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown',
  '--b--',
  '',
].join('\r\n');

test('prints one JSON line with the failed address, permanence, kind and reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-parse-'));
  const file = join(dir, 'dsn.eml');
  writeFileSync(file, BOUNCE);
  const out = await run([file]);
  assert.equal(out.split('\n').filter(Boolean).length, 1);
  assert.deepEqual(JSON.parse(out), { addresses: ['gone@example.org'], permanent: true, kind: 'failure', reason: 'user-unknown', status: '5.1.1' });
});

test('reads the message from stdin when the file is -', async () => {
  const out = await run(['-'], BOUNCE);
  assert.deepEqual(JSON.parse(out).addresses, ['gone@example.org']);
});

test('a missing file is a CaucusError invalid naming the file', async () => {
  await assert.rejects(run(['/nonexistent/dir/x.eml']), (e: unknown) => isCaucusError(e) && e.code === 'invalid' && e.message.startsWith('cannot read /nonexistent/dir/x.eml:'));
});

test('ordinary mail prints not-a-bounce with no addresses', async () => {
  const out = await run(['-'], 'From: a@example.org\r\nTo: b@example.org\r\nSubject: hello\r\n\r\nHi there.\r\n');
  assert.deepEqual(JSON.parse(out), { addresses: [], permanent: null, kind: 'not-a-bounce', reason: null });
});
