import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeaderFields } from './header-fields.ts';
import { boundaryOf, charsetOf, contentTypeOf, isAttachment, parseContentType, parseTransferEncoding, transferEncodingOf } from './content-type.ts';

test('parses media type and parameters, case-folding the type but not the boundary', () => {
  const ct = parseContentType('Multipart/Mixed; boundary="=_Ab C"; CHARSET=UTF-8');
  assert.equal(ct.mediaType, 'multipart/mixed');
  assert.equal(boundaryOf(ct), '=_Ab C');
  assert.equal(charsetOf(ct), 'utf-8');
});

test('a missing or broken type is text/plain (RFC 2045 §5.2), or the given fallback', () => {
  assert.equal(parseContentType(null).mediaType, 'text/plain');
  assert.equal(parseContentType('garbage').mediaType, 'text/plain');
  assert.equal(parseContentType('', 'message/rfc822').mediaType, 'message/rfc822');
  assert.equal(charsetOf(parseContentType('text/plain')), null);
});

test('reads the fields from a header list', () => {
  const fields = parseHeaderFields(
    Buffer.from('Content-Type: text/plain;\r\n\tcharset="iso-8859-1"\r\nContent-Transfer-Encoding: Quoted-Printable\r\nContent-Disposition: attachment; filename=a.txt\r\n'),
  );
  assert.equal(charsetOf(contentTypeOf(fields)), 'iso-8859-1');
  assert.equal(transferEncodingOf(fields), 'quoted-printable');
  assert.equal(isAttachment(fields), true);
  assert.equal(parseTransferEncoding('x-uuencode'), 'other');
  assert.equal(parseTransferEncoding(null), '7bit');
});

test('an unreadable Content-Type is marked as a guess; an absent one is not', () => {
  assert.equal(parseContentType('application-x-gzip').valid, false);
  assert.equal(parseContentType('multipart/mixed\tboundary="b"').valid, false);
  assert.equal(parseContentType(null).valid, true);
  assert.equal(parseContentType('text/plain').valid, true);
});
