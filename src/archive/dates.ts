// The date an archive files a message under: Date (RFC 5322 §3.6.1), then Resent-Date, then the
// newest Received stamp (RFC 5321 §4.4), then the mbox From_ line. A date outside a sane window
// (before 1980, or more than a day after now) is "suspect" and a better-placed source wins.
import { parseDateText } from './date-text.ts';

export type DateSource = 'date' | 'received' | 'envelope' | 'none';

export interface MessageDate {
  date: Date;
  source: DateSource;
  suspect: boolean;
}

export interface DateEvidence {
  /** Date header values, first one counts. */
  date?: string | null;
  /** Resent-Date header, used as a Date when Date is missing or unreadable (as HyperKitty does). */
  resentDate?: string | null;
  /** Received header values, top (newest) first. */
  received?: readonly string[];
  /** The mbox From_ line, with or without the leading "From ". */
  fromLine?: string | null;
}

const MIN_SANE = Date.UTC(1980, 0, 1);
const DAY = 86_400_000;
/** How many Received headers are worth trying before giving up. */
const RECEIVED_TRIES = 4;

/** The date part of a Received header: what follows the last ";" (RFC 5321 §4.4). */
export function receivedDate(value: string): number | null {
  const semi = value.lastIndexOf(';');
  if (semi < 0) return null;
  return parseDateText(value.slice(semi + 1))?.ms ?? null;
}

/** The date at the end of an mbox From_ line ("From addr Www Mmm dd hh:mm:ss yyyy"). */
export function envelopeDate(fromLine: string): number | null {
  const m = /\s((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*)$/.exec(fromLine.replace(/\r?\n$/, ''));
  if (!m) return null;
  return parseDateText(m[1] ?? '')?.ms ?? null;
}

function isSuspect(ms: number, now: number): boolean {
  return ms < MIN_SANE || ms > now + DAY;
}

/**
 * Picks the message date from the evidence, in the order Date → Resent-Date → Received → From_
 * line. A suspect value is kept only when no later source gives a sane one. Never throws.
 */
export function resolveMessageDate(ev: DateEvidence, now: Date): MessageDate {
  const nowMs = now.getTime();
  // The first suspect date seen, kept in case nothing better turns up.
  const fallback: Array<{ ms: number; source: DateSource }> = [];
  const consider = (ms: number | null | undefined, source: DateSource): MessageDate | null => {
    if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
    if (!isSuspect(ms, nowMs)) return { date: new Date(ms), source, suspect: false };
    fallback.push({ ms, source });
    return null;
  };
  const fromHeader = ev.date ? parseDateText(ev.date)?.ms : null;
  const hit = consider(fromHeader, 'date')
    ?? consider(ev.resentDate ? parseDateText(ev.resentDate)?.ms : null, 'date')
    ?? firstReceived(ev.received ?? [], consider)
    ?? consider(ev.fromLine ? envelopeDate(ev.fromLine) : null, 'envelope');
  if (hit) return hit;
  const fb = fallback[0];
  if (fb) return { date: new Date(fb.ms), source: fb.source, suspect: true };
  return { date: new Date(0), source: 'none', suspect: true };
}

function firstReceived(
  received: readonly string[],
  consider: (ms: number | null, source: DateSource) => MessageDate | null,
): MessageDate | null {
  const n = Math.min(received.length, RECEIVED_TRIES);
  for (let i = 0; i < n; i++) {
    const r = consider(receivedDate(received[i] ?? ''), 'received');
    if (r) return r;
  }
  return null;
}
