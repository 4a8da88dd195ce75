// The archive's overview of one message, read straight from the raw bytes: ids, subject, author,
// date, thread headers, attachments and the text to index. The fast path reads only the header
// fields it needs and the first text part; `extractOverviewThorough` hands messages the fast path
// could not fully understand to a complete MIME parser.
import { createHash } from 'node:crypto';
import { resolveMessageDate, type DateSource } from './dates.ts';
import { parseAuthor, type Author } from './parse/author.ts';
import { decodeCharset } from './parse/charset.ts';
import { detach } from './parse/detach.ts';
import { decodeHeader } from './parse/encoded-words.ts';
import { readHeaderBlock, firstField, type HeaderBlock } from './parse/header-block.ts';
import { htmlToPlainText } from './parse/html-text.ts';
import { cleanReferences, messageIdsIn, parseMessageId } from './parse/message-ids.ts';
import { summariseMime, type MimeSummary } from './parse/mime-walk.ts';
import { subjectParts } from './parse/subject.ts';
import { decodeTransfer } from './parse/transfer-encoding.ts';
import { splitBody, type QuoteBlock } from './quotes/body-split.ts';
import type { Attribution } from './quotes/attribution.ts';
import { textFingerprint } from './quotes/fingerprint.ts';

export interface ArchiveOverview {
  /** Message-ID without angle brackets; synthetic (see below) when the message has none. */
  messageId: string;
  messageIdSynthetic: boolean;
  /** Decoded subject, "" when absent. */
  subject: string;
  /** Subject without Re:/Fwd: markers and list tags, for grouping and display in thread lists. */
  baseSubject: string;
  isReply: boolean;
  author: Author;
  date: Date;
  dateSource: DateSource;
  dateSuspect: boolean;
  /** The first id in In-Reply-To, when it holds one. */
  inReplyTo: string | null;
  /** References, cleaned: only well-formed ids, no duplicates, not the message itself. */
  references: string[];
  attachmentCount: number;
  /** Names of the attachments that have one. */
  attachmentNames: string[];
  signed: boolean;
  /** Size of the raw message in bytes. */
  size: number;
  /** The author's own words from the first text part: for the full-text index and previews. */
  text: string;
  /**
   * Quoted passages with their attributions, for quote-based threading. Their text, and the
   * name, address and date of "… wrote:" attributions, are filled only for messages without
   * references unless OverviewContext.quoteText is 'all' (other replies keep the line only).
   */
  quotes: QuoteBlock[];
  /** The first attribution found, read as `quotes` says. */
  attribution: Attribution | null;
  /** Shingle fingerprint of `text` (quotes/fingerprint.ts). */
  fingerprint: Uint32Array;
  /** False when the fast path met a MIME structure it could not follow. */
  complete: boolean;
}

export interface OverviewContext {
  /** Used to judge dates (suspect when after now + 1 day). */
  now: Date;
  /** The mbox From_ line, a last-resort date. */
  fromLine?: string | null;
  /** The list's subject tag without brackets (e.g. "Jfs-discussion"), always stripped. */
  listTag?: string | null;
  /** The list's posting address, to undo DMARC From munging. */
  listAddress?: string | null;
  /** Cap on the bytes of the text part read (default 1 MiB). */
  maxTextBytes?: number;
  /**
   * Which messages get their quote blocks' text: only those without References/In-Reply-To (the
   * ones quote inference looks at; the default, cheaper) or all. Attributions are found either way.
   */
  quoteText?: 'unreferenced' | 'all';
  /** Whether to compute the shingle fingerprint (default true); callers that keep none skip its cost. */
  fingerprint?: boolean;
}

const WANTED: ReadonlySet<string> = new Set([
  'message-id', 'subject', 'from', 'date', 'resent-date', 'received', 'in-reply-to', 'references',
  'content-type', 'content-transfer-encoding', 'content-disposition', 'reply-to', 'x-original-from',
]);
const DEFAULT_MAX_TEXT = 1 << 20;
/** Words of the text that go into the fingerprint: quotes mostly come from the start of a message. */
const FINGERPRINT_WORDS = 250;

/** The fingerprint stored in an overview, for callers that recompute it from `text`. */
export function overviewFingerprint(text: string): Uint32Array {
  return textFingerprint(text, FINGERPRINT_WORDS);
}

/** A stable Message-ID for a message without one: a hash of its bytes. */
export function syntheticMessageId(raw: Buffer): string {
  return `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@synthetic.invalid`;
}

function authorOf(h: HeaderBlock, listAddress: string | null, charset: string | null): Author {
  const from = parseAuthor(firstField(h, 'from'), charset);
  const munged = /^(.*?)\s+via\s+\S.*$/.exec(from.name);
  if (!munged && !(listAddress && from.address.toLowerCase() === listAddress.toLowerCase())) return from;
  // Mailman's DMARC mitigation put the list in From; the author is in X-Original-From or Reply-To.
  const original = parseAuthor(firstField(h, 'x-original-from') ?? firstField(h, 'reply-to'), charset);
  const name = munged ? (munged[1] ?? '') : from.name;
  if (original.address && original.address.toLowerCase() !== from.address.toLowerCase()) {
    return { name: original.name || name, address: original.address };
  }
  return { name, address: from.address };
}

function readText(raw: Buffer, mime: MimeSummary, maxBytes: number): string {
  const part = mime.text;
  if (!part) return '';
  const factor = part.transferEncoding === 'base64' ? 1.4 : part.transferEncoding === 'quoted-printable' ? 3 : 1;
  const end = Math.min(part.end, part.start + Math.ceil(maxBytes * factor));
  const bytes = decodeTransfer(raw.subarray(part.start, end), part.transferEncoding);
  let text = decodeCharset(bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes, part.charset);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return part.html ? htmlToPlainText(text) : text;
}

/** The overview of one raw message. Synchronous, never throws on malformed mail. */
export function extractOverview(raw: Buffer, ctx: OverviewContext): ArchiveOverview {
  const h = readHeaderBlock(raw, WANTED);
  const ownId = parseMessageId(firstField(h, 'message-id'));
  const messageId = ownId ?? syntheticMessageId(raw);
  const mime = summariseMime(raw, {
    contentType: firstField(h, 'content-type'),
    transferEncoding: firstField(h, 'content-transfer-encoding'),
    disposition: firstField(h, 'content-disposition'),
  }, h.bodyStart);
  const charset = mime.text?.charset || null;
  const subject = decodeHeader(firstField(h, 'subject') ?? '', charset).replace(/\s+/g, ' ').trim();
  const parts = subjectParts(subject, ctx.listTag);
  const when = resolveMessageDate({
    date: firstField(h, 'date'),
    resentDate: firstField(h, 'resent-date'),
    received: h.fields.get('received') ?? [],
    fromLine: ctx.fromLine ?? null,
  }, ctx.now);
  const inReplyTo = messageIdsIn(firstField(h, 'in-reply-to')).find((id) => id !== messageId) ?? null;
  const references = cleanReferences((h.fields.get('references') ?? []).join(' '), messageId);
  const unreferenced = references.length === 0 && inReplyTo === null;
  const body = splitBody(readText(raw, mime, ctx.maxTextBytes ?? DEFAULT_MAX_TEXT), { quotes: unreferenced || ctx.quoteText === 'all' });
  const names = [...mime.attachments, ...body.scrubbedAttachments];
  const author = authorOf(h, ctx.listAddress ?? null, charset);
  const attribution = body.attribution
    ? { ...body.attribution, line: detach(body.attribution.line), name: body.attribution.name && detach(body.attribution.name), address: body.attribution.address && detach(body.attribution.address) }
    : null;
  // Everything a bulk import may hold on to is detached from the header and body strings.
  return {
    messageId: detach(messageId),
    messageIdSynthetic: ownId === null,
    subject: detach(subject),
    baseSubject: detach(parts.base),
    isReply: parts.isReply,
    author: { name: detach(author.name), address: detach(author.address) },
    date: when.date,
    dateSource: when.source,
    dateSuspect: when.suspect,
    inReplyTo: inReplyTo && detach(inReplyTo),
    references: references.map(detach),
    attachmentCount: names.length,
    attachmentNames: names.filter((n) => n !== ''),
    signed: mime.signed,
    size: raw.length,
    text: body.text,
    quotes: body.quotes,
    attribution,
    fingerprint: ctx.fingerprint === false ? new Uint32Array(0) : overviewFingerprint(body.text),
    complete: mime.complete,
  };
}
