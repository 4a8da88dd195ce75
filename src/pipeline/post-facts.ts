// Extracts, once per post, the facts the moderation rules look at (`PostFacts`) from the raw
// bytes. Never throws: garbage still yields facts (empty lists, null subject), so a broken
// message is held or refused by rules with a reason instead of crashing the pipeline.
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import type { Address, Email, Header } from 'postal-mime';
import { convert as htmlToText } from 'html-to-text';
import { addressKey } from '../domain/address.ts';
import type { HeaderValue, MailboxAddress, PostFacts } from '../domain/post.ts';

/** Mailman's email_commands_max_lines: rules look at no more than this many body lines. */
export const MAX_FIRST_LINES = 10;
/** A line longer than RFC 5322 §2.1.1's 998 characters is cut; no rule needs more. */
const MAX_LINE_LENGTH = 998;
/** Only the start of an HTML body is converted: ten lines never need more. */
const MAX_HTML_INPUT = 64 * 1024;
/** Nested message/rfc822 parts are the post's attachments, not its text (RFC 2046 §5.2.1). */
const PARSE_OPTIONS = { forceRfc822Attachments: true, maxNestingDepth: 64 } as const;

// An mbox postmark ("From addr date") is not a header (RFC 4155); mail read from an mbox or an
// MTA pipe may start with one.
const POSTMARK_RE = /^From ([^\s]*)[^\n]*\n/;

function flattenAddresses(list: readonly Address[] | undefined): MailboxAddress[] {
  const out: MailboxAddress[] = [];
  for (const a of list ?? []) {
    // Groups are one level deep (RFC 5322 §3.4: a group holds mailboxes, not groups).
    const members = a.group ?? [a];
    for (const m of members) {
      if (typeof m.address === 'string' && m.address !== '') out.push({ name: m.name ?? '', address: m.address });
    }
  }
  return out;
}

function parseAddressHeaders(headers: readonly Header[], key: string): MailboxAddress[] {
  const out: MailboxAddress[] = [];
  for (const h of headers) {
    if (h.key !== key || !h.value) continue;
    try {
      out.push(...flattenAddresses(addressParser(h.value)));
    } catch {
      // An unparseable address header contributes no addresses.
    }
  }
  return out;
}

/** Loose shape check: enough to tell an address from an obfuscated `joe at example.org`. */
const looksLikeAddress = (s: string): boolean => s.length <= 320 && /^[^\s@]+@[^\s@]+$/.test(s);

function safeDecodeWords(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

function messageIdOf(headers: readonly Header[]): string | null {
  const h = headers.find((x) => x.key === 'message-id');
  if (!h) return null;
  const bracketed = /<([^<>\s]+)>/.exec(h.value);
  if (bracketed?.[1]) return bracketed[1];
  const bare = h.value.trim().replace(/^<|>$/g, '');
  return bare !== '' && !/\s/.test(bare) ? bare : null;
}

/** The first non-blank lines of `text`, trimmed, scanning only as far as needed. */
export function firstNonBlankLines(text: string, max = MAX_FIRST_LINES): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_LINE_LENGTH * 4)).replace(/\r$/, '').trim();
    if (line !== '') out.push(line.slice(0, MAX_LINE_LENGTH));
    start = end + 1;
  }
  return out;
}

function bodyText(email: Email): string {
  // postal-mime builds `text` from the text/plain parts (converting HTML-only alternatives);
  // it is absent when the message has HTML parts only.
  if (email.text) return email.text;
  if (!email.html) return '';
  try {
    return htmlToText(email.html.slice(0, MAX_HTML_INPUT), {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
      ],
    });
  } catch {
    return '';
  }
}

function emptyFacts(raw: Buffer, envelopeFrom: string | null): PostFacts {
  return {
    messageId: null,
    from: null,
    senders: envelopeFrom && looksLikeAddress(envelopeFrom) ? [envelopeFrom] : [],
    to: [],
    cc: [],
    subject: null,
    headers: [],
    size: raw.length,
    firstLines: [],
    envelopeFrom,
  };
}

function factsFrom(email: Email, raw: Buffer, envelopeFrom: string | null, postmarkFrom: string | null): PostFacts {
  const headers = email.headers;
  const from = parseAddressHeaders(headers, 'from');
  const subjectHeader = headers.find((h) => h.key === 'subject');
  // Mailman's msg.senders order: From, the envelope sender, Reply-To, Sender.
  const candidates = [
    ...from.map((a) => a.address),
    envelopeFrom ?? postmarkFrom ?? '',
    ...parseAddressHeaders(headers, 'reply-to').map((a) => a.address),
    ...parseAddressHeaders(headers, 'sender').map((a) => a.address),
  ];
  const seen = new Set<string>();
  const senders: string[] = [];
  for (const c of candidates) {
    const s = c.trim();
    if (!looksLikeAddress(s) || seen.has(addressKey(s))) continue;
    seen.add(addressKey(s));
    senders.push(s);
  }
  const decoded: HeaderValue[] = headers.map((h) => ({ name: h.originalKey, value: safeDecodeWords(h.value) }));
  return {
    messageId: messageIdOf(headers),
    from: from[0] ?? null,
    senders,
    to: parseAddressHeaders(headers, 'to'),
    cc: parseAddressHeaders(headers, 'cc'),
    subject: subjectHeader ? safeDecodeWords(subjectHeader.value).trim() : null,
    headers: decoded,
    size: raw.length,
    firstLines: firstNonBlankLines(bodyText(email)),
    envelopeFrom,
  };
}

/** The header section only (up to the first empty line), for a second try at a broken message. */
function headerSection(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((n) => n >= 0);
  const end = ends.length ? Math.min(...ends) : raw.length;
  return raw.subarray(0, Math.min(end, 256 * 1024));
}

/** The facts rules need about a post. `envelopeFrom` is the SMTP MAIL FROM (null for `<>`). */
export async function extractPostFacts(raw: Buffer, envelopeFrom: string | null): Promise<PostFacts> {
  let body = raw;
  let postmarkFrom: string | null = null;
  const head = raw.subarray(0, 1024).toString('latin1');
  const postmark = POSTMARK_RE.exec(head);
  if (postmark) {
    body = raw.subarray(postmark[0].length);
    postmarkFrom = postmark[1] ?? null;
  }
  try {
    return factsFrom(await PostalMime.parse(body, PARSE_OPTIONS), raw, envelopeFrom, postmarkFrom);
  } catch {
    // Too deep or headers too large: the header section alone still names sender and subject.
  }
  try {
    const facts = factsFrom(await PostalMime.parse(headerSection(body), PARSE_OPTIONS), raw, envelopeFrom, postmarkFrom);
    return { ...facts, firstLines: [] };
  } catch {
    return emptyFacts(raw, envelopeFrom);
  }
}
