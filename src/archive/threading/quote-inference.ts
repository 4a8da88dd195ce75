// Finds the message a reply quotes when the reply carries no usable References or In-Reply-To:
// the quoted text must be contained in an earlier post, and the attribution's author or date
// ("On <date>, <name> wrote:", GroupWise ">>>", Outlook "-----Original Message-----") must agree
// with that post. Links found this way are marked inferred.
import type { Author } from '../parse/author.ts';
import type { Attribution } from '../quotes/attribution.ts';
import type { QuoteBlock } from '../quotes/body-split.ts';
import { firstLevelText, sharedShingles, textFingerprint } from '../quotes/fingerprint.ts';
import type { QuoteCandidate } from './types.ts';

export interface QuoteEvidence {
  date: Date;
  quotes: readonly QuoteBlock[];
  attribution: Attribution | null;
}

export interface InferredParent {
  messageId: string;
  /** Share of the quote's shingles found in the parent (0..1). */
  containment: number;
}

export interface InferenceOptions {
  /** Accept quotes without any attribution when the text alone matches this well (default: never). */
  unattributedContainment?: number;
}

const MIN_SHARED = 3;
const MAX_BLOCKS = 20;
const MIN_CONTAINMENT = 0.5;
const STRONG_CONTAINMENT = 0.8;
const MINUTE = 61_000;
const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;
/** Clock skew tolerated between a reply and the message it quotes. */
const SKEW = 10 * 60_000;

/** Lower-case name words, without quotes, punctuation or e-mail addresses; "Last, First" reordered. */
export function nameWords(name: string): string[] {
  let n = name.toLowerCase().replace(/\S+@\S+/g, ' ').replace(/["'()<>[\]]/g, ' ').trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(n);
  if (comma) n = `${comma[2]} ${comma[1]}`;
  return n.split(/[\s.,_-]+/).filter((w) => w.length > 1);
}

/** A key for finding candidates by display name: the name words sorted. */
export function nameKey(name: string): string {
  return nameWords(name).sort().join(' ');
}

/** true / false when the attribution names an author, null when it does not say. */
export function authorMatches(a: Attribution, author: Author): boolean | null {
  if (a.address) {
    if (author.address && a.address.toLowerCase() === author.address.toLowerCase()) return true;
    if (!a.name) return false;
  }
  if (!a.name) return null;
  const want = nameWords(a.name);
  const have = nameWords(author.name);
  if (want.length === 0) return null;
  if (have.length === 0) {
    // No display name: compare with the address's local part ("jdoe" vs "J. Doe" will not match).
    const local = author.address.split('@')[0]?.toLowerCase() ?? '';
    return want.join('') === local.replace(/[._-]/g, '') || want.includes(local);
  }
  const haveSet = new Set(have);
  const shared = want.filter((w) => haveSet.has(w)).length;
  // "Steve" matches "Steve Sapovits"; "Steve Jobs" does not match "Steve Sapovits".
  return shared === Math.min(want.length, have.length);
}

/** true / false when the attribution dates the quoted post, null when it does not. */
export function dateMatches(a: Attribution, date: Date): boolean | null {
  if (!a.date) return null;
  const delta = Math.abs(date.getTime() - a.date.getTime());
  // A client prints the original's time in its own zone, usually without saying which: allow
  // any zone (UTC-12..+14) then; a date without a time may be off by a day either way.
  if (!a.timeKnown) return delta <= 38 * HOUR;
  // The printed time comes from the quoted post's Date header, to the minute: without a zone it
  // is off by a whole zone offset (a multiple of 15 minutes) plus the dropped seconds.
  if (!a.zoneKnown) {
    const r = delta % QUARTER;
    return delta <= 14.5 * HOUR + MINUTE && (r <= MINUTE || QUARTER - r <= MINUTE);
  }
  return delta <= 2 * MINUTE;
}

interface Scored {
  candidate: QuoteCandidate;
  containment: number;
}

/** The earlier post the reply quotes, or null when no candidate matches well enough. */
export function inferQuotedParent(reply: QuoteEvidence, candidates: readonly QuoteCandidate[], options: InferenceOptions = {}): InferredParent | null {
  let best: Scored | null = null;
  const latest = reply.date.getTime() + SKEW;
  // The first blocks say enough; a hostile reply with thousands of blocks costs no more.
  for (const block of reply.quotes.slice(0, MAX_BLOCKS)) {
    const attribution = block.attribution ?? reply.attribution;
    if (!attribution && options.unattributedContainment === undefined) continue;
    const fp = textFingerprint(firstLevelText(block.text));
    if (fp.length < MIN_SHARED) continue;
    for (const c of candidates) {
      if (c.date.getTime() > latest) continue;
      const shared = sharedShingles(fp, c.fingerprint);
      if (shared < MIN_SHARED) continue;
      const containment = shared / fp.length;
      if (containment < MIN_CONTAINMENT) continue;
      if (attribution) {
        const who = authorMatches(attribution, c.author);
        const when = dateMatches(attribution, c.date);
        if (who !== true && when !== true) continue;
        if ((who === false || when === false) && containment < STRONG_CONTAINMENT) continue;
      } else if (containment < (options.unattributedContainment ?? 1)) continue;
      const better = best === null || containment > best.containment
        || (containment === best.containment && c.date.getTime() > best.candidate.date.getTime());
      if (better) best = { candidate: c, containment };
    }
  }
  return best ? { messageId: best.candidate.messageId, containment: best.containment } : null;
}
