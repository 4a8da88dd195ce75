import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentContent, unflow, viewMessage } from './message-view.ts';

const msg = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

test('a plain message: its text, decoded from its charset and transfer encoding', () => {
  const v = viewMessage(msg(['Subject: x', 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable', '', 'Gr=FC=DFe,', 'a soft=', ' break', '']));
  assert.equal(v.text, 'Grüße,\na soft break\n');
  assert.equal(v.fromHtml, false);
  assert.deepEqual(v.attachments, []);
});

test('multipart/alternative: the plain part; HTML only: converted to text with no markup left', () => {
  const alt = viewMessage(msg(['Content-Type: multipart/alternative; boundary=B', '', '--B', 'Content-Type: text/plain', '', 'Plain words', '--B', 'Content-Type: text/html', '', '<p>HTML words</p>', '--B--', '']));
  assert.equal(alt.text, 'Plain words');
  assert.equal(alt.fromHtml, false);
  const html = viewMessage(msg(['Content-Type: text/html; charset=utf-8', '', '<p>Hello <b>there</b><script>alert(1)</script><img src="http://x/y.png"></p>']));
  assert.equal(html.fromHtml, true);
  assert.match(html.text, /Hello there/);
  assert.doesNotMatch(html.text, /<|alert|y\.png/);
});

test('attachments are listed by name, type and decoded size, and decoded only when asked for', () => {
  const raw = msg([
    'Content-Type: multipart/mixed; boundary=M', '', '--M', 'Content-Type: text/plain', '', 'See attached.',
    '--M', 'Content-Type: application/pdf', 'Content-Disposition: attachment; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.pdf', 'Content-Transfer-Encoding: base64', '', 'aGVsbG8g', 'd29ybGQ=',
    '--M', 'Content-Type: text/plain; name="=?utf-8?q?notes=2Etxt?="', 'Content-Disposition: attachment', '', 'n',
    '--M', 'Content-Type: message/rfc822', 'Content-Disposition: attachment', '', 'Subject: inner', '', 'inner text',
    '--M--', '',
  ]);
  const v = viewMessage(raw);
  assert.equal(v.text, 'See attached.');
  assert.deepEqual(v.attachments, [
    { name: 'résumé.pdf', type: 'application/pdf', size: 11 },
    { name: 'notes.txt', type: 'text/plain', size: 1 },
    { name: 'message-3.eml', type: 'message/rfc822', size: 28 },
  ]);
  assert.equal(attachmentContent(raw, 0)?.content.toString(), 'hello world');
  assert.equal(attachmentContent(raw, 3), null);
});

test('an inline forwarded message is read as text; a delivery report keeps it as a file', () => {
  const fwd = viewMessage(msg(['Content-Type: multipart/mixed; boundary=M', '', '--M', 'Content-Type: text/plain', '', 'Forwarding:', '--M', 'Content-Type: message/rfc822', '', 'Subject: inner', '', 'inner text', '--M--', '']));
  assert.equal(fwd.text, 'Forwarding:\ninner text');
  const dsn = viewMessage(msg(['Content-Type: multipart/report; boundary=R', '', '--R', 'Content-Type: text/plain', '', 'Failed.', '--R', 'Content-Type: message/delivery-status', '', 'Status: 5.0.0',
    '--R', 'Content-Type: message/rfc822', '', 'Subject: inner', '', 'inner text', '--R--', '']));
  assert.equal(dsn.text, 'Failed.');
  assert.deepEqual(dsn.attachments.map((a) => a.type), ['message/delivery-status', 'message/rfc822']);
});

test('format=flowed (RFC 3676): soft breaks joined per quote depth, stuffing and DelSp undone, signature kept', () => {
  assert.equal(unflow('This is a \nflowed line.\n> quoted \n> more\n>\n>> deeper\n-- \nsig', false), 'This is a flowed line.\n> quoted more\n>\n>> deeper\n-- \nsig');
  assert.equal(unflow('abc \ndef', true), 'abcdef');
  assert.equal(unflow(' From here', false), 'From here');
  const v = viewMessage(msg(['Content-Type: text/plain; format=flowed', '', 'one \ntwo']));
  assert.equal(v.text, 'one two');
});

test('a hostile tree does not recurse without end', () => {
  const lines = ['Content-Type: multipart/mixed; boundary=B0', ''];
  for (let i = 1; i < 200; i++) lines.push(`--B${i - 1}`, `Content-Type: multipart/mixed; boundary=B${i}`, '');
  lines.push('--B199', 'Content-Type: text/plain', '', 'deep');
  const v = viewMessage(msg(lines));
  assert.equal(v.text, '');
});

test('base64 text: line breaks and stray characters skipped; pieces glued with padding inside decoded each', () => {
  const one = viewMessage(msg(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', 'R3LDvMOf', 'ZSB3b3Js*ZA==', '']));
  assert.equal(one.text, 'Grüße world');
  const glued = viewMessage(msg(['Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', 'aGk=', 'dGhlcmU=', '']));
  assert.equal(glued.text, 'hithere');
});
