// The bounce-side MIME reader: parts in walk order, decoded, with enclosed messages marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMail } from './read-mail.ts';

const raw = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

test('walks a report in order, decoding base64 and quoted-printable, opening message/rfc822', () => {
  const mail = readMail(raw([
    'From: MAILER-DAEMON@example.org',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="outer"',
    '',
    'preamble',
    '--outer',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=E9 ferm=E9, soft=',
    'break',
    '--outer',
    'Content-Type: message/delivery-status',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('Final-Recipient: rfc822; a@example.com\nAction: failed\n').toString('base64'),
    '--outer',
    'Content-Type: message/rfc822',
    '',
    'Subject: original',
    'Content-Type: text/plain',
    '',
    'inner body',
    '--outer--',
    'epilogue',
  ]));
  assert.equal(mail.type, 'multipart/report');
  assert.deepEqual(mail.parts.map((p) => [p.type, p.enclosed, p.messageRoot]), [
    ['multipart/report', 0, false],
    ['text/plain', 0, false],
    ['message/delivery-status', 0, false],
    ['message/rfc822', 0, false],
    ['text/plain', 1, true],
  ]);
  assert.equal(mail.parts[1]?.text, 'Café fermé, softbreak');
  assert.match(mail.parts[2]?.text ?? '', /^Final-Recipient: rfc822; a@example.com\nAction: failed/);
  assert.equal(mail.parts[4]?.headers.get('subject'), 'original');
  assert.equal(mail.parts[4]?.text, 'inner body');
});

test('a boundary parameter lost to an unindented line is recovered from the body', () => {
  const mail = readMail(raw([
    'From: postmaster@example.org',
    'Content-Type: multipart/mixed; boundary="A"',
    '',
    '--A',
    'Content-Type: multipart/alternative;',
    'boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Error: Invalid user address',
    '--B--',
    '--A--',
  ]));
  assert.ok(mail.parts.some((p) => p.type === 'text/plain' && p.text.includes('Invalid user address')));
});

test('an EUC-JP body labelled ISO-2022-JP is read as EUC-JP', () => {
  const euc = Buffer.from([0xa5, 0xe1, 0xa1, 0xbc, 0xa5, 0xeb]); // "メール" in EUC-JP
  const mail = readMail(Buffer.concat([Buffer.from('Content-Type: text/plain; charset="ISO-2022-JP"\n\n'), euc]));
  assert.equal(mail.parts[0]?.text, 'メール');
});

test('nesting past the depth limit stops without recursion or error', () => {
  let text = 'Content-Type: multipart/mixed; boundary=b0\n\n';
  for (let i = 1; i < 5000; i++) text += `--b${i - 1}\nContent-Type: multipart/mixed; boundary=b${i}\n\n`;
  const mail = readMail(Buffer.from(text));
  assert.ok(mail.parts.length <= 300);
});

test('an mbox From_ line before the headers is skipped', () => {
  const mail = readMail(Buffer.from('From someone@example.org Mon Jan  1 00:00:00 2024\nFrom: MAILER-DAEMON@example.org\nSubject: x\n\nbody\n'));
  assert.equal(mail.headers.get('from'), 'MAILER-DAEMON@example.org');
  assert.equal(mail.headers.get('subject'), 'x');
});
