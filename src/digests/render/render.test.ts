// The digest renderers on fixture posts (UTF-8 8bit, Latin-1 quoted-printable with an HTML
// alternative and a PDF, HTML only, LF and CRLF line ends): golden output for both formats, the MIME
// structure, embedded posts kept whole, RFC 1153 separators and stuffing, and boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { getValue, walkMime } from '../../mime/index.ts';
import { readPost } from '../read-post.ts';
import { renderMimeDigest, renderPlainDigest } from './index.ts';
import { boundaryFor, toCrlf } from './parts.ts';

const dir = join(import.meta.dirname, 'fixtures');
const site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Caucus', adminAddress: 'postmaster@lists.example.org' };
const list: MailingList = { id: 1, name: 'governance', domain: 'lists.example.org', address: 'governance@lists.example.org', settings: defaultListSettings(), createdAt: new Date(0) };
const posts = ['post-plain.eml', 'post-attachment.eml', 'post-html.eml'].map((f) => readFileSync(join(dir, f)));
const input = (l: MailingList = list) => ({ list: l, site, volume: 2, issue: 7, date: new Date('2026-03-03T00:05:00Z'), items: posts.map((p) => readPost(p, l, site)) });

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it after a deliberate change. */
function golden(name: string, got: Buffer): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, got);
  assert.equal(got.toString('utf8'), readFileSync(path, 'utf8'), name);
}

test('plain digest: golden RFC 1153 layout', () => {
  golden('digest.plain.eml', renderPlainDigest(input()));
});

test('MIME digest: golden, with every post whole inside multipart/digest', () => {
  const raw = renderMimeDigest(input());
  golden('digest.mime.eml', raw);
  const parts = walkMime(raw);
  assert.equal(parts[0]!.contentType.mediaType, 'multipart/mixed');
  assert.equal(getValue(parts[0]!.headers, 'content-transfer-encoding'), '8bit', '8-bit posts inside');
  const top = parts.filter((p) => p.parent === 0).map((p) => getValue(p.headers, 'content-description') ?? p.contentType.mediaType);
  assert.deepEqual(top, ['Governance Digest, Vol 2, Issue 7', "Today's Topics (3 messages)", 'multipart/digest', 'Digest Footer']);
  const digest = parts.findIndex((p) => p.contentType.mediaType === 'multipart/digest');
  const embedded = parts.filter((p) => p.parent === digest);
  assert.equal(embedded.length, 3);
  embedded.forEach((p, i) => {
    // The line break before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    assert.equal(raw.subarray(p.bodyStart, p.end).toString('latin1') + '\r\n', toCrlf(posts[i]!).toString('latin1'));
  });
});

test('the digest header template gets its own part and a place in the plain digest', () => {
  const l = { ...list, settings: { ...list.settings, digestHeaderTemplate: 'Welcome to issue {issue} of volume {volume} of {display_name}.' } };
  const mime = renderMimeDigest(input(l));
  const parts = walkMime(mime);
  const header = parts.find((p) => getValue(p.headers, 'content-description') === 'Digest Header')!;
  assert.equal(mime.subarray(header.bodyStart, header.end).toString().trim(), 'Welcome to issue 7 of volume 2 of Governance.');
  assert.match(renderPlainDigest(input(l)).toString(), /\(Carol\)\r\n {6}https:\S+\r\n\r\nWelcome to issue 7 of volume 2 of Governance\.\r\n\r\n-{70}\r\n/);
});

test('read-post: subject without the list prefix, author, text from plain or HTML, attachments', () => {
  const [a, b, c] = posts.map((p) => readPost(p, list, site));
  assert.equal(a!.subject, 'Agenda for München meeting');
  assert.equal(a!.author, 'Alice Example');
  assert.equal(a!.permalink, 'https://lists.example.org/archives/governance/m/agenda-1%40example.net');
  assert.equal(b!.subject, 'Re: Agenda');
  assert.equal(b!.text, 'See the draft, café at noon.', 'the plain alternative, decoded from Latin-1');
  assert.deepEqual(b!.attachments, [{ filename: 'draft.pdf', type: 'application/pdf', size: 48 }]);
  assert.match(c!.text, /MINUTES\n\nApproved\./);
  const noArchive = readPost(posts[0]!, { ...list, settings: { ...list.settings, archivePolicy: 'none' } }, site);
  assert.equal(noArchive.permalink, null, 'no archive, no link');
});

test('boundaries never occur in the content', () => {
  const first = boundaryFor('seed', []);
  assert.notEqual(boundaryFor('seed', [Buffer.from(`x${first}y`)]), first);
  assert.equal(boundaryFor('seed', []), first, 'the same content gives the same boundary');
});
