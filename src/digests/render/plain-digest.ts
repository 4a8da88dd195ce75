// The plain-text digest of RFC 1153: masthead, "Today's Topics", then each message as a short
// header block and its text, separated by lines of 30 hyphens (70 after the preamble), ending with
// "End of … Digest" and a line of asterisks. Attachments are listed with the message's archive link.
import type { DigestItem } from '../read-post.ts';
import { encodeTextBody, digestTitle, humanSize, masthead, tableOfContents, template, topHeaders, CRLF, type DigestIssueInput } from './parts.ts';

const SEPARATOR_70 = '-'.repeat(70);
const SEPARATOR_30 = '-'.repeat(30);

/** RFC 934 §2 character stuffing: a text line that looks like a separator is prefixed with "- ". */
const stuff = (text: string): string => text.replace(/^(-{30,}[ \t]*)$/gm, '- $1');

function messageBlock(it: DigestItem, n: number): string {
  const lines = [`Message: ${n}`];
  if (it.date) lines.push(`Date: ${it.date}`);
  lines.push(`From: ${it.from || it.author}`, `Subject: ${it.subject}`);
  if (it.messageId) lines.push(`Message-ID: <${it.messageId}>`);
  // RFC 5064 names the archived copy of a message.
  if (it.permalink) lines.push(`Archived-At: <${it.permalink}>`);
  lines.push('', stuff(it.text || '(this message has no text)'));
  if (it.attachments.length) {
    lines.push('', '-------------- next part --------------');
    lines.push(it.permalink ? `Attachments, kept with the message in the archive: ${it.permalink}` : 'Attachments (not included in the plain digest):');
    for (const a of it.attachments) lines.push(`  - ${a.filename || 'unnamed'} (${a.type}, ${humanSize(a.size)})`);
  }
  return lines.join('\n');
}

export function renderPlainDigest(i: DigestIssueInput): Buffer {
  const title = digestTitle(i);
  const header = template(i, 'header');
  const footer = template(i, 'footer');
  const parts = [masthead(i), '', tableOfContents(i), ''];
  if (header) parts.push(header, '');
  parts.push(SEPARATOR_70, '');
  i.items.forEach((it, n) => parts.push(messageBlock(it, n + 1), '', SEPARATOR_30, ''));
  if (footer) parts.push(footer, '', SEPARATOR_30, '');
  parts.push(`End of ${title}`, '*'.repeat(Math.max(20, `End of ${title}`.length)), '');
  const { fields, body } = encodeTextBody(parts.join('\n'));
  return Buffer.concat([topHeaders(i, 'plain', fields), Buffer.from(CRLF), body]);
}
