import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charsetOf } from '../content-type.ts';
import { decodeText } from '../charset.ts';
import { serializeHeaders } from '../header-fields.ts';
import { walkMime } from '../mime-walk.ts';
import { decodeTransfer } from '../transfer-encoding.ts';
import { compileDecoration } from './index.ts';
import type { DecorationRequest } from './types.ts';

const both: DecorationRequest = { header: true, footer: true, sample: 'Header\nFooter' };

function render(message: string | Buffer, header: string, footer: string, request: DecorationRequest = both): { raw: Buffer; strategy: string } {
  const d = compileDecoration(Buffer.isBuffer(message) ? message : Buffer.from(message, 'latin1'), request);
  return { raw: Buffer.concat([serializeHeaders(d.headers), d.separator, ...d.renderBody(header, footer)]), strategy: d.strategy };
}

/** Decoded text of every text/plain leaf, in order. */
function texts(raw: Buffer): string[] {
  return walkMime(raw)
    .filter((p) => p.contentType.mediaType === 'text/plain' && !p.multipart)
    .map((p) => decodeText(decodeTransfer(raw.subarray(p.bodyStart, p.end), p.transferEncoding), charsetOf(p.contentType)));
}

test('inline in a 7bit text/plain body, keeping the body bytes and CRLF', () => {
  const { raw, strategy } = render('Subject: s\r\nContent-Type: text/plain\r\n\r\nHello\r\nWorld\r\n', 'Top', 'Bottom\nline');
  assert.equal(strategy, 'inline');
  assert.equal(raw.toString(), 'Subject: s\r\nContent-Type: text/plain\r\n\r\nTop\r\nHello\r\nWorld\r\nBottom\r\nline\r\n');
});

test('inline in an LF message without a final line break adds one before the footer', () => {
  const { raw } = render('Subject: s\n\nNo newline', '', 'F', { ...both, header: false });
  assert.equal(raw.toString(), 'Subject: s\n\nNo newline\nF\n');
});

test('quoted-printable: the received encoding is kept when it ends on a hard break', () => {
  const body = 'caf=C3=A9 cr=C3=A8me\r\n';
  const { raw } = render(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`, 'Tête', 'Pied ✓');
  assert.ok(raw.toString('latin1').includes(body));
  assert.deepEqual(texts(raw), ['Tête\r\ncafé crème\r\nPied ✓\r\n']);
});

test('quoted-printable ending in a soft break is re-encoded so the footer starts on its own line', () => {
  const { raw } = render('Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nno end=\n', '', 'F');
  assert.deepEqual(texts(raw), ['no end\nF\n']);
});

test('base64: every header length gives the same decoded text', () => {
  const text = 'Line one\r\nLine two with more text\r\n';
  const msg = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(text).toString('base64')}\r\n`;
  const d = compileDecoration(Buffer.from(msg), both);
  for (const h of ['', 'a', 'ab', 'abc', 'abcd', 'ünï']) {
    const raw = Buffer.concat([serializeHeaders(d.headers), d.separator, ...d.renderBody(h, 'footer é')]);
    for (const line of raw.toString().split('\r\n')) assert.ok(line.length <= 76);
    assert.deepEqual(texts(raw), [`${h ? `${h}\r\n` : ''}${text}footer é\r\n`]);
  }
});

test('8-bit Latin-1 text gets a footer in Latin-1', () => {
  const { raw } = render(Buffer.from('Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\ncaf\xe9\n', 'latin1'), '', 'À bientôt');
  assert.ok(raw.includes(Buffer.from('caf\xe9\n\xc0 bient\xf4t\n', 'latin1')));
  assert.deepEqual(texts(raw), ['café\nÀ bientôt\n']);
});

test('a footer the charset cannot hold goes into its own part', () => {
  const { raw, strategy } = render(Buffer.from('Content-Type: text/plain; charset=iso-8859-1\n\ncaf\xe9\n', 'latin1'), '', '€ 5', { header: false, footer: true, sample: '€' });
  assert.equal(strategy, 'wrap');
  assert.deepEqual(texts(raw), ['café\n', '€ 5\n']);
});

test('a us-ascii 7bit body with a non-ASCII footer becomes UTF-8 quoted-printable', () => {
  const { raw, strategy } = render('Content-Type: text/plain; charset=us-ascii\n\nplain\n', '', 'Zoë', { header: false, footer: true, sample: 'Zoë' });
  assert.equal(strategy, 'inline');
  assert.match(raw.toString(), /charset=utf-8/);
  assert.match(raw.toString(), /Content-Transfer-Encoding: quoted-printable/);
  assert.deepEqual(texts(raw), ['plain\nZoë\n']);
});

const alternative = [
  'From: a@example.org',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="alt"',
  'Content-Transfer-Encoding: 7bit',
  '',
  '--alt',
  'Content-Type: text/plain',
  '',
  'plain',
  '--alt',
  'Content-Type: text/html',
  '',
  '<b>html</b>',
  '--alt--',
  '',
].join('\r\n');

test('multipart/alternative is wrapped in multipart/mixed with the original content untouched', () => {
  const { raw, strategy } = render(alternative, 'H', 'F');
  assert.equal(strategy, 'wrap');
  const parts = walkMime(raw);
  assert.deepEqual(parts.map((p) => p.path.join('.') + ':' + p.contentType.mediaType), [':multipart/mixed', '0:text/plain', '1:multipart/alternative', '1.0:text/plain', '1.1:text/html', '2:text/plain']);
  const inner = parts[2];
  const originalBody = alternative.slice(alternative.indexOf('\r\n\r\n') + 4);
  assert.equal(raw.toString('latin1', inner?.bodyStart, inner?.end), originalBody);
  assert.match(raw.toString('latin1', inner?.start, inner?.headerEnd), /^Content-Type: multipart\/alternative; boundary="alt"\r\nContent-Transfer-Encoding: 7bit\r\n$/);
  assert.deepEqual(texts(raw), ['H\r\n', 'plain', 'F\r\n']);
  assert.match(raw.toString(), /^From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart\/mixed;/);
});

test('multipart/signed keeps its signed bytes exactly', () => {
  const signed = alternative.replace('multipart/alternative; boundary="alt"', 'multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256; boundary="alt"');
  const { raw } = render(signed, '', 'F', { ...both, header: false });
  const body = signed.slice(signed.indexOf('\r\n\r\n') + 4);
  assert.ok(raw.includes(Buffer.from(body)));
  assert.equal(walkMime(raw)[1]?.contentType.mediaType, 'multipart/signed');
});

test('multipart/mixed gains a first header part and a last footer part', () => {
  const mixed = 'Content-Type: multipart/mixed; boundary=mx\n\npreamble\n--mx\nContent-Type: text/plain\n\nbody\n--mx\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n--mx--\nepilogue\n';
  const { raw, strategy } = render(mixed, 'H', 'F');
  assert.equal(strategy, 'append-parts');
  assert.equal(
    raw.toString(),
    'Content-Type: multipart/mixed; boundary=mx\n\npreamble\n' +
      '--mx\nContent-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\nContent-Disposition: inline\n\nH\n\n' +
      '--mx\nContent-Type: text/plain\n\nbody\n--mx\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n' +
      '--mx\nContent-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\nContent-Disposition: inline\n\nF\n\n' +
      '--mx--\nepilogue\n',
  );
});

test('multipart/mixed without a close delimiter is closed after the footer part', () => {
  const { raw } = render('Content-Type: multipart/mixed; boundary=mx\n\n--mx\n\nbody', '', 'F', { ...both, header: false });
  assert.equal(raw.toString(), 'Content-Type: multipart/mixed; boundary=mx\n\n--mx\n\nbody\n--mx\nContent-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\nContent-Disposition: inline\n\nF\n\n--mx--\n');
  assert.deepEqual(texts(raw), ['body', 'F\n']);
});

test('HTML-only and text attachments are wrapped; a message without Content-Type gets MIME-Version', () => {
  assert.equal(render('Content-Type: text/html\n\n<p>x</p>\n', '', 'F').strategy, 'wrap');
  assert.equal(render('Content-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nx\n', '', 'F').strategy, 'wrap');
  const { raw } = render('Content-Type: text/html\n\n<p>x</p>\n', '', 'F');
  assert.match(raw.toString(), /MIME-Version: 1.0\n\n--=_caucus_/);
});

test('nothing to add leaves the message as it was', () => {
  const msg = 'Subject: s\r\n\r\nbody\r\n';
  const { raw, strategy } = render(msg, '', '', { header: false, footer: false, sample: '' });
  assert.equal(strategy, 'none');
  assert.equal(raw.toString(), msg);
});

test('an unreadable Content-Type is wrapped, not written into', () => {
  assert.equal(render('Content-Type: application-x-gzip\n\nblah\n', '', 'F').strategy, 'wrap');
  assert.equal(render('Content-Type: multipart/mixed\n\tboundary="b"\n\n--b\n\nx\n--b--\n', '', 'F').strategy, 'wrap');
});
