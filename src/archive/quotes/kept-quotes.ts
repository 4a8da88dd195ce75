// The quote evidence an archive row keeps for threading (its `thread_data`): only for a message
// whose headers name no parent and that quotes someone it attributes, only what quote inference
// reads (first-level quoted text, capped; attributions with their dates), read back through zod.
import { z } from 'zod';
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
const MAX_BLOCKS = 20;
/** A block must give this many shingles to count, as quote inference requires. */
const MIN_SHINGLES = 3;
/** Quoted text kept per block and per message: a parent's fingerprint covers its first 250 words. */
const BLOCK_CHARS = 2000;
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

const AttributionData = z.object({
  s: z.enum(['wrote', 'groupwise', 'outlook']),
  n: z.string().nullable(),
  e: z.string().nullable(),
  d: z.number().nullable(),
  t: z.boolean(),
  z: z.boolean(),
});
type AttributionData = z.infer<typeof AttributionData>;

const KeptQuotesData = z.object({
  /** Distinct attributions; blocks and the message name them by index. */
  a: z.array(AttributionData).max(MAX_BLOCKS + 1),
  m: z.number().int().nullable(),
  q: z.array(z.object({ t: z.string().max(BLOCK_CHARS), a: z.number().int().nullable() })).max(MAX_BLOCKS),
});
type KeptQuotesData = z.infer<typeof KeptQuotesData>;

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

/** Reads `thread_data` back; null when absent or not what encodeKeptQuotes writes. */
export function decodeKeptQuotes(json: string | null): KeptQuotes | null {
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const p = KeptQuotesData.safeParse(raw);
  if (!p.success) return null;
  const attributions = p.data.a.map((x): Attribution => ({
    style: x.s, line: '', name: x.n, address: x.e, date: x.d === null ? null : new Date(x.d), timeKnown: x.t, zoneKnown: x.z,
  }));
  const at = (i: number | null): Attribution | null => (i === null ? null : (attributions[i] ?? null));
  const quotes = p.data.q.map((b) => ({ text: b.t, attribution: at(b.a) }));
  return quotes.length > 0 ? { quotes, attribution: at(p.data.m) } : null;
}
