import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summariseMime } from './mime-walk.ts';
import { readHeaderBlock, firstField } from './header-block.ts';
import { decodeQuotedPrintable } from './transfer-encoding.ts';
import { htmlToPlainText } from './html-text.ts';

function summarise(text: string) {
  const raw = Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
  const h = readHeaderBlock(raw);
  const s = summariseMime(raw, {
    contentType: firstField(h, 'content-type'),
    transferEncoding: firstField(h, 'content-transfer-encoding'),
    disposition: firstField(h, 'content-disposition'),
  }, h.bodyStart);
  return { s, part: s.text ? raw.toString('latin1', s.text.start, s.text.end) : null };
}

test('nested multipart: the first inline text/plain wins; attachments named; signature not counted', () => {
  const { s, part } = summarise([
    'Content-Type: multipart/signed; boundary="sig"; protocol="application/pgp-signature"',
    '',
    '--sig',
    'Content-Type: multipart/mixed; boundary=mix',
    '',
    '--mix',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'caf=C3=A9',
    '--alt',
    'Content-Type: text/html',
    '',
    '<p>café</p>',
    '--alt--',
    '--mix',
    'Content-Type: text/x-patch; name="0001-fix.patch"',
    'Content-Disposition: inline; filename="0001-fix.patch"',
    '',
    'diff',
    '--mix',
    'Content-Type: application/octet-stream',
    '',
    'xx',
    '--mix--',
    '--sig',
    'Content-Type: application/pgp-signature',
    '',
    '-----BEGIN PGP SIGNATURE-----',
    '--sig--',
    '',
  ].join('\n'));
  assert.equal(part, 'caf=C3=A9');
  assert.equal(s.text?.charset, 'utf-8');
  assert.equal(s.text?.transferEncoding, 'quoted-printable');
  assert.deepEqual(s.attachments, ['0001-fix.patch', '']);
  assert.equal(s.signed, true);
  assert.equal(s.complete, true);
});

test('HTML-only messages give the HTML part; broken multiparts are flagged incomplete', () => {
  const html = summarise('Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n<b>hi</b>\n--b--\n');
  assert.equal(html.s.text?.html, true);
  assert.equal(html.part, '<b>hi</b>');
  const broken = summarise('Content-Type: multipart/mixed; boundary=nothere\n\nno parts at all\n');
  assert.equal(broken.s.complete, false);
  const noBoundary = summarise('Content-Type: multipart/mixed\n\nx\n');
  assert.equal(noBoundary.s.complete, false);
  const plain = summarise('Subject: no MIME at all\n\nhello\n');
  assert.equal(plain.part, 'hello\r\n');
});

test('deep nesting stops at the depth limit without recursion', () => {
  const depth = 60;
  const lines: string[] = ['Content-Type: multipart/mixed; boundary=b0', ''];
  for (let i = 1; i < depth; i++) lines.push(`--b${i - 1}`, `Content-Type: multipart/mixed; boundary=b${i}`, '');
  lines.push(`--b${depth - 1}`, 'Content-Type: text/plain', '', 'deep text');
  const { s } = summarise(lines.join('\n'));
  assert.equal(s.complete, false);
  assert.equal(s.text, null);
});

test('quoted-printable: soft breaks, bad escapes kept', () => {
  assert.equal(decodeQuotedPrintable(Buffer.from('a=\r\nb=3D=\nc =ZZ d=')).toString(), 'ab=c =ZZ d');
});

test('HTML to text keeps blockquotes as quotes and drops scripts', () => {
  assert.equal(htmlToPlainText('<html><head><style>p{}</style></head><body><p>Hi &amp; bye&#33;</p><blockquote>old<br>text</blockquote><script>x()</script></body></html>'),
    'Hi & bye!\n\n> old\n> text');
});

test('unclosed script tags and comments cost linear time', () => {
  assert.equal(htmlToPlainText(`<p>a</p>${'<script>'.repeat(50_000)}`), 'a');
  assert.equal(htmlToPlainText(`b${'<!--'.repeat(50_000)}`), 'b');
  assert.equal(htmlToPlainText('<STYLE>x</STYLE >keep<!-- c -->me'), 'keep me');
});

test('unclosed tags read as text in linear time', () => {
  assert.ok(htmlToPlainText('<a'.repeat(100_000)).length > 0);
});
