// The read-only view every detector gets: the parsed message plus the derived things detectors
// keep asking for (body lines in walk order, the report's own text, RFC 3464 reports, the sender).
import { readMail, type BounceMail, type MailPart } from './read-mail.ts';
import { parseDsn, type DsnReport } from './dsn-fields.ts';
import { fieldAddress } from './addresses.ts';
import { parseHeaderBlock, type HeaderFields } from './header-fields.ts';

export interface BounceContext {
  readonly mail: BounceMail;
  /** Lines of every text leaf in walk order, enclosed messages included (like a full body walk). */
  readonly lines: readonly string[];
  /** Lines of the report's own text parts (not enclosed messages, not delivery-status fields). */
  readonly noticeLines: readonly string[];
  readonly dsn: readonly DsnReport[];
  /** The From address, lower-cased ('' when absent). */
  readonly from: string;
  readonly subject: string;
  /** Header blocks of the returned original message(s), from message/rfc822 or text/rfc822-headers. */
  readonly originalHeaders: readonly HeaderFields[];
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const HEADER_TYPES = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);
// Limits that keep every line-by-line pattern cheap on hostile input: reports are short-lined, so
// a long line is wrapped, and only the first part of a huge body is read.
const MAX_LINES = 5000;
const MAX_LINE = 400;

function linesOf(text: string, out: string[]): void {
  for (const line of text.split('\n', MAX_LINES)) {
    if (out.length >= MAX_LINES) return;
    if (line.length <= MAX_LINE) out.push(line);
    else for (let i = 0; i < line.length && out.length < MAX_LINES; i += MAX_LINE) out.push(line.slice(i, i + MAX_LINE));
  }
}

function isFieldText(part: MailPart): boolean {
  return DSN_TYPES.has(part.type) || part.type === 'message/feedback-report' || part.type === 'message/disposition-notification';
}

export function buildContext(raw: Buffer): BounceContext {
  const mail = readMail(raw);
  const lines: string[] = [];
  const noticeLines: string[] = [];
  const dsn: DsnReport[] = [];
  const originalHeaders: HeaderFields[] = [];
  // The report's own delivery-status parts; those of an enclosed message (a bounce of a bounce)
  // describe another delivery and count only when the report has none (a forwarded bounce).
  const dsnLevel = Math.min(...mail.parts.filter((p) => DSN_TYPES.has(p.type)).map((p) => p.enclosed), Number.MAX_SAFE_INTEGER);
  for (const part of mail.parts) {
    if (part.messageRoot && part.enclosed === 1) originalHeaders.push(part.headers);
    if (DSN_TYPES.has(part.type) && part.enclosed <= dsnLevel) {
      const report = parseDsn(part.text);
      if (report) dsn.push(report);
    }
    if (part.text === '') continue;
    if (isFieldText(part)) continue;
    linesOf(part.text, lines);
    if (part.enclosed === 0 && part.type.startsWith('text/') && !HEADER_TYPES.has(part.type)) linesOf(part.text, noticeLines);
    if (HEADER_TYPES.has(part.type) && part.enclosed === 0) {
      originalHeaders.push(parseHeaderText(part.text));
    }
  }
  return {
    mail,
    lines,
    noticeLines,
    dsn,
    from: (fieldAddress(mail.headers.get('from')) ?? '').toLowerCase(),
    subject: mail.headers.get('subject') ?? '',
    originalHeaders,
  };
}

function parseHeaderText(text: string): HeaderFields {
  return parseHeaderBlock(text.replace(/^\s*\n/, '')).fields;
}
