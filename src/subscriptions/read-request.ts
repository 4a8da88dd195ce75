// Reads a mail sent to a list robot (-request, -join, -leave, -confirm) into the few facts that
// commands need. Never throws: a message postal-mime cannot parse is read again from its header
// section alone, and failing that it is an empty request (which earns a help reply).
import PostalMime from 'postal-mime';
import type { Address, Email } from 'postal-mime';
import { convert as htmlToText } from 'html-to-text';
import { isValidAddress } from '../domain/address.ts';

/** Commands are read from the first lines only; nobody needs more (Mailman reads ten). */
export const MAX_BODY_LINES = 100;
/** RFC 5322 §2.1.1: a line is at most 998 characters; longer ones are cut. */
const MAX_LINE = 998;
const MAX_HTML_INPUT = 64 * 1024;
/** Nested messages are attachments here, never commands (RFC 2046 §5.2.1). */
const PARSE_OPTIONS = { forceRfc822Attachments: true, maxNestingDepth: 32 } as const;

export interface RequestMail {
  /** The From mailbox when it holds a valid address. */
  from: { address: string; name: string } | null;
  /** Lower-cased header name → raw values, for the few headers we look at. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Decoded subject; '' when absent. */
  subject: string;
  /** Message-ID with its angle brackets, or null. */
  messageId: string | null;
  date: string | null;
  /** The first lines of the text body, CR removed, not trimmed. */
  bodyLines: string[];
}

const EMPTY: RequestMail = { from: null, headers: new Map(), subject: '', messageId: null, date: null, bodyLines: [] };

function firstMailbox(a: Address | undefined): { address: string; name: string } | null {
  if (!a) return null;
  const box = a.group ? a.group[0] : a;
  const address = box?.address?.trim() ?? '';
  return isValidAddress(address) ? { address, name: (box?.name ?? '').trim() } : null;
}

function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < MAX_BODY_LINES && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    out.push(text.slice(start, Math.min(end, start + MAX_LINE)).replace(/\r$/, ''));
    start = end + 1;
  }
  return out;
}

function bodyText(email: Email): string {
  if (email.text) return email.text;
  if (!email.html) return '';
  try {
    return htmlToText(email.html.slice(0, MAX_HTML_INPUT), { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] });
  } catch {
    return '';
  }
}

function fromEmail(email: Email, withBody: boolean): RequestMail {
  const headers = new Map<string, string[]>();
  for (const h of email.headers) {
    const values = headers.get(h.key) ?? [];
    values.push(h.value);
    headers.set(h.key, values);
  }
  const id = email.messageId?.trim() ?? '';
  return {
    from: firstMailbox(email.from),
    headers,
    subject: (email.subject ?? '').replace(/\s+/g, ' ').trim(),
    messageId: id === '' ? null : id.startsWith('<') ? id : `<${id}>`,
    // The Date header as written: the reply echoes what the sender sent.
    date: headers.get('date')?.[0]?.trim() ?? null,
    bodyLines: withBody ? lines(bodyText(email)) : [],
  };
}

function headerSection(raw: Buffer): Buffer {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((n) => n >= 0);
  return raw.subarray(0, Math.min(ends.length ? Math.min(...ends) : raw.length, 256 * 1024));
}

export async function readRequest(raw: Buffer): Promise<RequestMail> {
  try {
    return fromEmail(await PostalMime.parse(raw, PARSE_OPTIONS), true);
  } catch {
    // Too deeply nested or oversized headers: the header section alone still names the sender.
  }
  try {
    return fromEmail(await PostalMime.parse(headerSection(raw), PARSE_OPTIONS), false);
  } catch {
    return EMPTY;
  }
}
