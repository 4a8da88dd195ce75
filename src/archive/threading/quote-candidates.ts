// Which earlier posts a quoting reply is compared with: those whose author the attribution names
// (by address or a word of the name), or, when it names nobody, those sent near the date it gives;
// all within the quote window before the reply. Bulk threading picks them from memory
// (quote-window.ts) and rethread reads the texts of those picked; a store picks them with one
// query (ingest). The superset helpers below serve a caller that loads texts for a whole list.
import type { Author } from '../parse/author.ts';
import { firstLevelText, textFingerprint } from '../quotes/fingerprint.ts';
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
/** Fewer shared shingles never make a match (quote-inference.ts). */
const MIN_SHARED = 3;

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

/** Sorted, merged [from, to] spans. */
function merged(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function within(spans: ReadonlyArray<[number, number]> | undefined, d: number): boolean {
  if (!spans) return false;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (d < s[0]) hi = mid - 1;
    else if (d > s[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Indices of every message that any of the `quoting` ones could be compared with: a superset of
 * what QuoteWindow.pick picks for each (it further keeps only earlier, non-duplicate posts, the
 * 50 most recent). Memory is that of the quoting messages' keys, not of the list.
 */
export function quoteCandidateSuperset(messages: readonly ThreadMessage[], quoting: readonly number[], windowMs = DEFAULT_QUOTE_WINDOW): number[] {
  const byAddress = new Map<string, Array<[number, number]>>();
  const byWord = new Map<string, Array<[number, number]>>();
  const byDate: Array<[number, number]> = [];
  const add = (map: Map<string, Array<[number, number]>>, key: string, span: [number, number]): void => {
    const list = map.get(key);
    if (list) list.push(span);
    else map.set(key, [span]);
  };
  for (const i of quoting) {
    const m = messages[i];
    const look = m ? quoteLookups(m, windowMs) : null;
    if (!look) continue;
    const span: [number, number] = [look.from, look.to];
    for (const a of look.addresses) add(byAddress, a, span);
    for (const w of look.nameWords) add(byWord, w, span);
    byDate.push(...look.dates);
  }
  for (const [k, v] of byAddress) byAddress.set(k, merged(v));
  for (const [k, v] of byWord) byWord.set(k, merged(v));
  const dates = merged(byDate);
  // Authors post again and again: each name is split into words once.
  const wordsOf = new Map<string, string[]>();
  const out: number[] = [];
  messages.forEach((m, j) => {
    const d = m.date.getTime();
    if ((m.author.address && within(byAddress.get(m.author.address.toLowerCase()), d)) || within(dates, d)) {
      out.push(j);
      return;
    }
    if (byWord.size === 0 || !m.author.name) return;
    let words = wordsOf.get(m.author.name);
    if (!words) {
      words = nameWords(m.author.name).filter((w) => byWord.has(w));
      wordsOf.set(m.author.name, words);
    }
    if (words.some((w) => within(byWord.get(w), d))) out.push(j);
  });
  return out;
}

/** Every shingle of the quoted blocks of the `quoting` messages, sorted and distinct. */
export function quotedShingles(messages: readonly ThreadMessage[], quoting: readonly number[]): Uint32Array {
  const parts: Uint32Array[] = [];
  let total = 0;
  for (const i of quoting) {
    for (const block of messages[i]?.quotes.slice(0, MAX_BLOCKS) ?? []) {
      const fp = textFingerprint(firstLevelText(block.text));
      parts.push(fp);
      total += fp.length;
    }
  }
  const all = new Uint32Array(total);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i] ?? 0;
  return all.slice(0, k);
}

function has(sorted: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The part of a candidate's fingerprint that some quote shares, or undefined when too little for
 * any match. Quote inference counts a quote's shingles found in the candidate, and every quote's
 * shingles are in `quoted`, so the counts and the matches are exactly those of the whole fingerprint.
 */
export function sharedWithQuotes(fingerprint: Uint32Array, quoted: Uint32Array): Uint32Array | undefined {
  const keep: number[] = [];
  for (const x of fingerprint) if (has(quoted, x)) keep.push(x);
  return keep.length >= MIN_SHARED ? Uint32Array.from(keep) : undefined;
}
