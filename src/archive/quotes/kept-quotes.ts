// The quote evidence an archive row keeps for threading (its `thread_data`): only for a message
// whose headers name no parent and that quotes someone it attributes, only what quote inference
// reads (first-level quoted text, capped; attributions with their dates). Read back, through zod,
// by kept-quotes-read.ts: the import's workers only write it and need not load zod.
import type { Attribution } from './attribution.ts';
import type { QuoteBlock } from './body-split.ts';
import { firstLevelText, textFingerprint } from './fingerprint.ts';

export interface KeptQuotes {
  quotes: QuoteBlock[];
  /** The message's first attribution: it stands for blocks that have none of their own. */
  attribution: Attribution | null;
}

/** What of a message decides its evidence (a subset of ArchiveOverview). */
export interface QuotingMessage {
  references: readonly string[];
  inReplyTo: string | null;
  quotes: readonly QuoteBlock[];
  attribution: Attribution | null;
}

/** Quote inference reads no more blocks than this (threading/quote-inference.ts). */
export const MAX_BLOCKS = 20;
/** A block must give this many shingles to count, as quote inference requires. */
const MIN_SHINGLES = 3;
/** Quoted text kept per block and per message: a parent's fingerprint covers its first 250 words. */
export const BLOCK_CHARS = 2000;
const MESSAGE_CHARS = 4000;
const FIELD_CHARS = 200;

/** `text` cut to at most `max` characters, at a space when one is near the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.search(/\s\S*$/);
  return space > max - 40 ? head.slice(0, space) : head;
}

const knowsSomeone = (a: Attribution | null): a is Attribution => a !== null && (a.address !== null || a.name !== null || a.date !== null);

/**
 * The evidence to keep, or null when quote inference could not use any: the message has
 * References or In-Reply-To, or no quoted block that an attribution names and long enough to match.
 */
export function keptQuotes(m: QuotingMessage): KeptQuotes | null {
  if (m.references.length > 0 || m.inReplyTo !== null || m.quotes.length === 0) return null;
  const quotes: QuoteBlock[] = [];
  let budget = MESSAGE_CHARS;
  for (const block of m.quotes.slice(0, MAX_BLOCKS)) {
    if (budget <= 0) break;
    if (!knowsSomeone(block.attribution ?? m.attribution)) continue;
    const text = cut(firstLevelText(block.text).trim(), Math.min(BLOCK_CHARS, budget));
    if (textFingerprint(text).length < MIN_SHINGLES) continue;
    quotes.push({ text, attribution: block.attribution });
    budget -= text.length;
  }
  return quotes.length > 0 ? { quotes, attribution: m.attribution } : null;
}

/** One attribution as `thread_data` keeps it (kept-quotes-read.ts checks it when read back). */
export interface AttributionData {
  s: Attribution['style'];
  n: string | null;
  e: string | null;
  d: number | null;
  t: boolean;
  z: boolean;
}

/** `thread_data`'s JSON: distinct attributions, which blocks and the message name by index. */
export interface KeptQuotesData {
  a: AttributionData[];
  m: number | null;
  q: Array<{ t: string; a: number | null }>;
}

const field = (s: string | null): string | null => (s === null ? null : s.slice(0, FIELD_CHARS));

/** Compact JSON for `thread_data`; the attribution lines as written are not kept. */
export function encodeKeptQuotes(k: KeptQuotes): string {
  const a: AttributionData[] = [];
  const keys: string[] = [];
  const indexOf = (x: Attribution | null): number | null => {
    if (x === null) return null;
    const d = x.date ? x.date.getTime() : null;
    const data: AttributionData = { s: x.style, n: field(x.name), e: field(x.address), d: d !== null && Number.isFinite(d) ? d : null, t: x.timeKnown, z: x.zoneKnown };
    const key = JSON.stringify(data);
    const at = keys.indexOf(key);
    if (at >= 0) return at;
    keys.push(key);
    a.push(data);
    return a.length - 1;
  };
  const data: KeptQuotesData = { a, m: indexOf(k.attribution), q: k.quotes.map((b) => ({ t: b.text, a: indexOf(b.attribution) })) };
  return JSON.stringify(data);
}
