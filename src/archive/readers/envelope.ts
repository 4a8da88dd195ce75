// Recognises the mbox From_ line that starts a message (RFC 4155) and writes one. Strict on
// purpose: Pipermail and old mboxo files leave body lines starting with "From " unescaped, so a
// line counts only when it looks like a real envelope and the next line looks like a header.
import { restoreAtAddress } from '../parse/author.ts';

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
// "From <sender> Www Mmm dd hh:mm[:ss] [zone] yyyy [zone]". The sender may hold spaces: Pipermail
// writes "user at host", and stat.ethz.ch even "user @end|ng |rom host".
const ASCTIME_ENVELOPE = new RegExp(
  `^From (\\S.*?) +${DAY},? +${MONTH} +\\d{1,2} +\\d{1,2}:\\d{2}(?::\\d{2})?(?: +[A-Z]{1,5}(?: DST)?| +[+-]\\d{4})? +\\d{4}(?: +[+-]\\d{4}| +[A-Z]{1,5})?\\s*$`,
);
// Writers that leave the date out: Netscape/Mozilla "From - " (often with no blank line before
// it, as their files rely on Content-Length), Gmail Takeout "From 1234@xxx".
const NETSCAPE_ENVELOPE = /^From -\s*$/;
const BARE_ENVELOPE = /^From \S+@\S+\s*$/;
// RFC 5322 §2.2: a field name is printable US-ASCII except ":" and space.
export const HEADER_START = /^[\x21-\x39\x3b-\x7e]{1,76}:/;

const MAX_ENVELOPE = 1000;

export interface EnvelopeCheck {
  /** The candidate line without its line end. */
  line: string;
  /** The line after it (a prefix is enough), or null at the end of input. */
  next: string | null;
  /** Whether the line before is blank or the candidate is the first line of the input. */
  afterBlank: boolean;
}

/** Whether `line` (without line end) has the shape of a dated envelope line. */
export function isDatedEnvelope(line: string): boolean {
  return line.length <= MAX_ENVELOPE && ASCTIME_ENVELOPE.test(line);
}

/** Decides whether a line starting with "From " begins a new message. */
export function startsMessage(c: EnvelopeCheck): boolean {
  const line = c.line.endsWith('\r') ? c.line.slice(0, -1) : c.line;
  // Real envelope lines are short; a long one is body text (and would cost the regex dearly).
  if (line.length > MAX_ENVELOPE || c.next === null || !HEADER_START.test(c.next)) return false;
  if (ASCTIME_ENVELOPE.test(line) || NETSCAPE_ENVELOPE.test(line)) return true;
  // Undated forms are weaker evidence: they must also follow a blank line.
  return c.afterBlank && BARE_ENVELOPE.test(line);
}

/** Whether enough of the next line is at hand to run `startsMessage` on it. */
export function nextLineDecidable(prefix: string): boolean {
  return prefix.includes('\n') || prefix.includes(':') || prefix.length > 78 || /[\s]/.test(prefix);
}

/** The sender part of a From_ line ("From addr date" → "addr"), or null. */
export function envelopeSender(fromLine: string): string | null {
  const line = fromLine.replace(/\r?\n$/, '').replace(/\r$/, '');
  const m = line.length <= MAX_ENVELOPE ? ASCTIME_ENVELOPE.exec(line) : null;
  if (m) return m[1] ?? null;
  const b = /^From (\S+)/.exec(line);
  return b && b[1] !== '-' ? (b[1] ?? null) : null;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** C asctime(3) in UTC, as mbox envelopes carry it: "Mon Apr 19 15:28:51 2021". */
export function asctime(d: Date): string {
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** An envelope line (without line end) for a sender and date; Pipermail's "user at host" gets its "@" back, other spaces go. */
export function formatEnvelope(sender: string | null, date: Date): string {
  const s = sender && sender.trim() ? restoreAtAddress(sender).replace(/\s+/g, '') : 'MAILER-DAEMON';
  return `From ${s} ${asctime(date)}`;
}
