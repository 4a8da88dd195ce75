// The pieces both digest formats share: the issue's name and subject, the masthead, the table of
// contents with each entry's archive link, the list's header and footer templates, the top header
// block, and text bodies encoded for the wire (7bit when they can be, quoted-printable otherwise).
import { createHash } from 'node:crypto';
import type { MailingList } from '../../domain/list.ts';
import { listDisplayName } from '../../domain/list.ts';
import { roleAddress } from '../../domain/roles.ts';
import type { Site } from '../../domain/site.ts';
import { archiveUrl, listInfoUrl } from '../../domain/urls.ts';
import { encodePhrase, encodeQuotedPrintable, formatMailbox, isAscii, makeField, unstructuredTokens } from '../../mime/index.ts';
import { fillTemplate, listVariables } from '../../subscriptions/index.ts';
import type { DigestItem } from '../read-post.ts';

export const CRLF = '\r\n';

export interface DigestIssueInput {
  list: MailingList;
  site: Site;
  volume: number;
  issue: number;
  date: Date;
  items: DigestItem[];
}

export const digestTitle = (i: Pick<DigestIssueInput, 'list' | 'volume' | 'issue'>): string =>
  `${listDisplayName(i.list)} Digest, Vol ${i.volume}, Issue ${i.issue}`;

/** RFC 5322 §3.3 date-time in UTC. */
export function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Mailman's masthead: where to post, how to leave, who runs the list, and how to reply. */
export function masthead(i: DigestIssueInput): string {
  const { list, site } = i;
  const name = listDisplayName(list);
  return [
    `Send ${name} mailing list submissions to`,
    `\t${list.address}`,
    '',
    'To subscribe or unsubscribe via the World Wide Web, visit',
    `\t${listInfoUrl(site, list.name)}`,
    "or, via email, send a message with subject or body 'help' to",
    `\t${roleAddress(list.name, list.domain, 'request')}`,
    '',
    'You can reach the person managing the list at',
    `\t${roleAddress(list.name, list.domain, 'owner')}`,
    '',
    'When replying, please edit your Subject line so it is more specific',
    `than "Re: Contents of ${name} digest..."`,
  ].join('\n');
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** RFC 1153 "Today's Topics": one numbered line per message, then its archive link. */
export function tableOfContents(i: DigestIssueInput): string {
  const out = ["Today's Topics:", ''];
  i.items.forEach((it, n) => {
    const head = `${String(n + 1).padStart(4)}. `;
    const lines = wrap(`${it.subject} (${it.author})`, 72 - head.length, '');
    out.push(head + (lines[0] ?? ''), ...lines.slice(1).map((l) => ' '.repeat(head.length) + l));
    if (it.permalink) out.push(`${' '.repeat(head.length)}${it.permalink}`);
  });
  return out.join('\n');
}

/** The list's digest header or footer template, filled; empty when the template is. */
export function template(i: DigestIssueInput, which: 'header' | 'footer'): string {
  const t = which === 'header' ? i.list.settings.digestHeaderTemplate : i.list.settings.digestFooterTemplate;
  const vars = { ...listVariables(i.site, i.list), archive_url: archiveUrl(i.site, i.list.name), volume: String(i.volume), issue: String(i.issue) };
  return fillTemplate(t, vars).replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

/** A stable Message-ID for one format of one issue. */
export function digestMessageId(i: DigestIssueInput, format: 'mime' | 'plain'): string {
  return `<digest.${i.list.name}.v${i.volume}.i${i.issue}.${format}.${i.date.getTime().toString(36)}@${i.site.hostname}>`;
}

/** A boundary no embedded message contains (RFC 2046 §5.1.1), derived from the content so renders repeat. */
export function boundaryFor(seed: string, bodies: readonly Buffer[]): string {
  for (let n = 0; ; n++) {
    const b = `=_digest_${createHash('sha256').update(`${seed}:${n}`).digest('hex').slice(0, 24)}`;
    if (!bodies.some((x) => x.includes(b))) return b;
  }
}

/** The issue's own header fields: From the -request robot (as Mailman does), To and Reply-To the list, RFC 2369 List-* fields. */
export function topHeaders(i: DigestIssueInput, format: 'mime' | 'plain', contentFields: string[]): Buffer {
  const { list, site } = i;
  const mailto = (role: 'request' | 'join' | 'owner') => roleAddress(list.name, list.domain, role);
  const fields = [
    makeField('From', formatMailbox({ name: listDisplayName(list), address: mailto('request') }), CRLF),
    makeField('To', list.address, CRLF),
    makeField('Reply-To', list.address, CRLF),
    makeField('Subject', unstructuredTokens(digestTitle(i)), CRLF),
    makeField('Date', rfc5322Date(i.date), CRLF),
    makeField('Message-ID', digestMessageId(i, format), CRLF),
    makeField('MIME-Version', '1.0', CRLF),
    makeField('Precedence', 'list', CRLF),
    makeField('List-Id', [...encodePhrase(listDisplayName(list)).split(' '), `<${list.name}.${list.domain}>`], CRLF),
    makeField('List-Help', `<mailto:${mailto('request')}?subject=help>`, CRLF),
    makeField('List-Post', `<mailto:${list.address}>`, CRLF),
    makeField('List-Subscribe', [`<mailto:${mailto('join')}>,`, `<${listInfoUrl(site, list.name)}>`], CRLF),
    makeField('List-Owner', `<mailto:${mailto('owner')}>`, CRLF),
    ...(list.settings.archivePolicy !== 'none' ? [makeField('List-Archive', `<${archiveUrl(site, list.name)}>`, CRLF)] : []),
  ];
  return Buffer.concat([...fields.map((f) => f.raw), Buffer.from(contentFields.map((f) => f + CRLF).join(''), 'utf8')]);
}

/**
 * Text as a MIME body: the Content-Type/-Transfer-Encoding fields it needs and the bytes. UTF-8 goes
 * as 8bit, as the posts inside a digest do (RFC 6152); quoted-printable only for lines past 998 octets.
 */
export function encodeTextBody(text: string): { fields: string[]; body: Buffer } {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\n/g, CRLF);
  const ascii = isAscii(normalized);
  const charset = `Content-Type: text/plain; charset="${ascii ? 'us-ascii' : 'utf-8'}"`;
  const bytes = Buffer.from(normalized, 'utf8');
  if (!normalized.split(CRLF).some((l) => Buffer.byteLength(l) > 998)) return { fields: [charset, `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`], body: bytes };
  return { fields: [charset, 'Content-Transfer-Encoding: quoted-printable'], body: encodeQuotedPrintable(bytes, CRLF) };
}

/** An embedded message with every line ending CRLF, as the wire and multipart/digest expect. */
export function toCrlf(raw: Buffer): Buffer {
  const s = raw.toString('latin1').replace(/\r?\n/g, CRLF);
  return Buffer.from(s.endsWith(CRLF) ? s : s + CRLF, 'latin1');
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
