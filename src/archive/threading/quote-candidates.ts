// Which earlier posts a quoting reply is compared with: those whose author the attribution names
// (by address or a word of the name), or, when it names nobody, those sent near the date it gives;
// all within the quote window before the reply. Bulk threading picks them from memory
// (quote-window.ts) and rethread reads the texts of those picked; a store picks them with one
// query (ingest).
import type { Author } from '../parse/author.ts';
import { nameWords } from './quote-inference.ts';
import type { ThreadMessage } from './types.ts';

export const DAY = 86_400_000;
/** A reply may be dated this much before what it quotes (clocks differ). */
export const QUOTE_SKEW = 10 * 60_000;
/** An attribution's date without an author matches posts this close to it (any zone, a day off). */
export const NAME_SPAN = 38 * 3_600_000;
export const DEFAULT_QUOTE_WINDOW = 90 * DAY;
/** Quote inference reads no more blocks than this (quote-inference.ts). */
const MAX_BLOCKS = 20;

/** The keys a reply's candidates are picked by, and the dates they may have. */
export interface QuoteLookups {
  /** Lower-case addresses. */
  addresses: string[];
  /** Lower-case name words (nameWords()). */
  nameWords: string[];
  /** [from, to] ms spans from attributions that name no author but a date. */
  dates: Array<[number, number]>;
  /** Candidates are dated within [from, to] ms. */
  from: number;
  to: number;
}

/** How QuoteWindow.pick picks for `m`, or null when `m` quotes nobody it could find. */
export function quoteLookups(m: ThreadMessage, windowMs = DEFAULT_QUOTE_WINDOW): QuoteLookups | null {
  const t = m.date.getTime();
  const out: QuoteLookups = { addresses: [], nameWords: [], dates: [], from: t - windowMs, to: t + QUOTE_SKEW };
  const addresses = new Set<string>();
  const words = new Set<string>();
  for (const block of m.quotes.slice(0, MAX_BLOCKS)) {
    const a = block.attribution ?? m.attribution;
    if (!a) continue;
    if (a.address) addresses.add(a.address.toLowerCase());
    if (a.name) for (const w of nameWords(a.name)) words.add(w);
    if (!a.address && !a.name && a.date) {
      const at = a.date.getTime();
      const span: [number, number] = [Math.max(out.from, at - NAME_SPAN), Math.min(out.to, at + NAME_SPAN)];
      if (span[0] <= span[1]) out.dates.push(span);
    }
  }
  out.addresses = [...addresses];
  out.nameWords = [...words];
  return out.addresses.length + out.nameWords.length + out.dates.length > 0 ? out : null;
}

/** Whether a post by `author` at `date` is one that `look` picks. */
export function lookupsPick(look: QuoteLookups, author: Author, date: Date): boolean {
  const d = date.getTime();
  if (d < look.from || d > look.to) return false;
  if (author.address && look.addresses.includes(author.address.toLowerCase())) return true;
  if (look.nameWords.length > 0 && nameWords(author.name).some((w) => look.nameWords.includes(w))) return true;
  return look.dates.some(([a, b]) => d >= a && d <= b);
}
