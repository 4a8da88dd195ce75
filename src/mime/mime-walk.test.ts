import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstTextPart, scanMultipart, walkMime } from './mime-walk.ts';

const nested = [
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: multipart/alternative; boundary="outer-alt"',
  '',
  '--outer-alt',
  'Content-Type: text/plain',
  '',
  'plain text',
  '--outer-alt',
  'Content-Type: text/html',
  '',
  '<p>html</p>',
  '--outer-alt--',
  '--outer',
  'Content-Type: message/rfc822',
  '',
  'Subject: inner',
  'Content-Type: multipart/digest; boundary=d',
  '',
  '--d',
  '',
  'Subject: digested',
  '',
  'digested body',
  '--d--',
  '--outer--',
  'epilogue',
  '',
].join('\r\n');

test('walks nested multiparts and message/rfc822 in document order with byte offsets', () => {
  const raw = Buffer.from(nested);
  const parts = walkMime(raw);
  assert.deepEqual(
    parts.map((p) => `${p.path.join('.')}:${p.contentType.mediaType}`),
    [':multipart/mixed', '0:multipart/alternative', '0.0:text/plain', '0.1:text/html', '1:message/rfc822', '1.0:multipart/digest', '1.0.0:message/rfc822', '1.0.0.0:text/plain'],
  );
  const text = parts[2];
  assert.equal(raw.toString('latin1', text?.bodyStart, text?.end), 'plain text');
  const html = parts[3];
  assert.equal(raw.toString('latin1', html?.bodyStart, html?.end), '<p>html</p>');
  assert.equal(parts[7] && raw.toString('latin1', parts[7].bodyStart, parts[7].end), 'digested body');
  assert.equal(parts[2]?.parent, 1);
  assert.equal(firstTextPart(parts, 'html'), parts[3]);
});

test('a boundary that is a prefix of another boundary does not split the inner part', () => {
  const layout = scanMultipart(Buffer.from(nested), 0, nested.length, 'outer');
  assert.equal(layout?.children.length, 2);
  assert.notEqual(layout?.closeDelimiter, null);
});

test('a multipart without a close delimiter ends at the end of its body', () => {
  const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nlast\n');
  const layout = walkMime(raw)[0]?.multipart;
  assert.equal(layout?.closeDelimiter, null);
  assert.deepEqual(layout?.children.map((c) => raw.toString('latin1', c.start, c.end)), ['\nfirst', '\nlast\n']);
});

test('a multipart whose boundary never appears is one opaque part', () => {
  const parts = walkMime(Buffer.from('Content-Type: multipart/mixed; boundary=zz\n\nno parts\n'));
  assert.equal(parts.length, 1);
  assert.equal(parts[0]?.multipart, null);
});

test('deep nesting is walked without recursion and stops at the depth limit', () => {
  const depth = 5000;
  let raw = 'Content-Type: text/plain\n\nbottom\n';
  for (let i = 0; i < depth; i++) raw = `Content-Type: message/rfc822\n\n${raw}`;
  const parts = walkMime(Buffer.from(raw), { maxDepth: 40 });
  assert.equal(parts.length, 41);
  assert.equal(parts.at(-1)?.depth, 40);
});

test('the part count is capped', () => {
  const many = Array.from({ length: 50 }, () => '--b\n\nx\n').join('');
  const parts = walkMime(Buffer.from(`Content-Type: multipart/mixed; boundary=b\n\n${many}--b--\n`), { maxParts: 10 });
  assert.equal(parts.length, 10);
});
