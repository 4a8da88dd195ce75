// parseBounce on small reports written for these tests (fixtures/), one per behaviour that matters
// to a list: which addresses failed, whether it counts, and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from './index.ts';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));

test('an RFC 3464 report: failed recipients only, each classified; a delayed one is left out', () => {
  const r = parseBounce(fixture('dsn-mixed.eml'));
  assert.equal(r.kind, 'failure');
  assert.deepEqual(r.addresses, ['full@example.com', 'nobody@example.com']);
  assert.equal(r.permanent, true);
  assert.equal(r.reason, 'user-unknown');
  assert.equal(r.status, '5.1.1');
  assert.deepEqual(
    r.recipients.map((x) => [x.address, x.reason, x.permanent, x.status]),
    [
      ['full@example.com', 'mailbox-full', false, '5.2.2'],
      ['nobody@example.com', 'user-unknown', true, '5.1.1'],
    ],
  );
});

test('a delay report (Action: delayed) never counts', () => {
  const r = parseBounce(fixture('dsn-delayed.eml'));
  assert.equal(r.kind, 'delay');
  assert.equal(r.permanent, false);
  assert.deepEqual(r.addresses, []);
  assert.equal(r.reason, 'delayed');
  assert.equal(r.status, '4.4.1');
  assert.deepEqual(r.recipients.map((x) => [x.address, x.permanent, x.reason]), [['slow@example.com', false, 'delayed']]);
});

test('a free-text warning ("has not yet been delivered") never counts', () => {
  const r = parseBounce(fixture('warning-text.eml'));
  assert.equal(r.kind, 'warning');
  assert.equal(r.permanent, false);
  assert.deepEqual(r.addresses, []);
});

test('qmail: each recipient paragraph, with its own reason; the returned message is not read', () => {
  const r = parseBounce(fixture('qmail.eml'));
  assert.equal(r.detector, 'qmail');
  assert.deepEqual(r.addresses, ['gone@example.de', 'quota@example.de']);
  assert.deepEqual(r.recipients.map((x) => x.reason), ['user-unknown', 'mailbox-full']);
  assert.deepEqual(r.recipients.map((x) => x.permanent), [true, false]);
});

test('Microsoft 365: the administrators\' section gives each recipient its own reply', () => {
  const r = parseBounce(fixture('office365.eml'));
  assert.equal(r.detector, 'office365');
  assert.deepEqual(r.recipients.map((x) => [x.address, x.reason, x.permanent, x.status]), [
    ['pat@contoso.example', 'user-unknown', true, '5.1.10'],
    ['alex@contoso.example', 'mailbox-full', false, '5.2.2'],
  ]);
});

test('a spam rejection of the list mail is a failure, but not a permanent one', () => {
  const r = parseBounce(fixture('exim-spam.eml'));
  assert.equal(r.detector, 'exim');
  assert.deepEqual(r.addresses, ['member@example.co.uk']);
  assert.equal(r.kind, 'failure');
  assert.equal(r.reason, 'spam-blocked');
  assert.equal(r.permanent, false);
});

test('ISO-2022-JP text and encoded-word headers are decoded', () => {
  const r = parseBounce(fixture('iso-2022-jp.eml'));
  assert.deepEqual(r.addresses, ['absent@mail.example.jp']);
  assert.equal(r.permanent, true);
});

test('auto-replies and abuse reports are not bounces and name no failed address', () => {
  const away = parseBounce(fixture('auto-reply.eml'));
  assert.deepEqual([away.kind, away.reason, away.addresses], ['not-a-bounce', 'vacation', []]);
  const arf = parseBounce(fixture('feedback.eml'));
  assert.deepEqual([arf.kind, arf.reason, arf.addresses], ['not-a-bounce', 'feedback', []]);
});

test('ordinary mail is not a bounce, even when it names addresses the loose patterns like', () => {
  const r = parseBounce(Buffer.from('From: a@example.org\nTo: list@lists.example.net\nSubject: hi\n\nThe list works, mail me at a@example.org.\n'));
  assert.deepEqual(r, { addresses: [], permanent: null, kind: 'not-a-bounce', reason: null, recipients: [] });
  const chatty = 'From: a@example.org\nTo: list-bounces@lists.example.net\nSubject: question\n\nHi, bob@example.com, the following addresses had trouble:\n  carol@example.com\n';
  assert.deepEqual(parseBounce(Buffer.from(chatty)).addresses, []);
});

test('a report from a daemon with no address to find is unknown, not a failure', () => {
  const r = parseBounce(Buffer.from('From: MAILER-DAEMON@mx.example.org\nSubject: Undeliverable\n\nSomething went wrong.\n'));
  assert.equal(r.kind, 'unknown');
  assert.deepEqual(r.addresses, []);
  assert.equal(r.permanent, null);
});

test('the message\'s own sender and receiver are never reported as failed', () => {
  const raw = [
    'From: MAILER-DAEMON@mx.example.org',
    'To: list-bounces@lists.example.net',
    'Subject: Undelivered Mail',
    '',
    'Delivery to list-bounces@lists.example.net failed: 550 rejected',
    'Delivery to member@example.org failed: 550 5.1.1 no such user',
  ].join('\n');
  assert.deepEqual(parseBounce(Buffer.from(raw)).addresses, ['member@example.org']);
});

test('garbage, empty and truncated input give a result, never an exception', () => {
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const inputs: Buffer[] = [Buffer.alloc(0), Buffer.from('\n'), Buffer.from('\r\n\r\n'), Buffer.from('From '), fixture('dsn-mixed.eml').subarray(0, 700)];
  for (let i = 0; i < 20; i++) inputs.push(Buffer.from(Array.from({ length: 3000 }, () => next() & 0xff)));
  for (const input of inputs) {
    const r = parseBounce(input);
    assert.ok(Array.isArray(r.addresses));
    assert.ok(['failure', 'warning', 'delay', 'unknown', 'not-a-bounce'].includes(r.kind));
  }
});

test('deep nesting and hostile lines are cut off, not followed', () => {
  let nested = 'From: MAILER-DAEMON@mx.example.org\nContent-Type: multipart/mixed; boundary=b0\n\n';
  for (let i = 1; i < 2000; i++) nested += `--b${i - 1}\nContent-Type: multipart/mixed; boundary=b${i}\n\n`;
  let enclosed = '';
  for (let i = 0; i < 2000; i++) enclosed += 'Content-Type: message/rfc822\n\n';
  const long = 'From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered\n\n' + ' '.repeat(300000) + 'a@'.repeat(100000);
  for (const raw of [nested, enclosed, long]) assert.equal(parseBounce(Buffer.from(raw)).addresses.length, 0);
});
