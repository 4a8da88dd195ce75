// Reads back the quote evidence kept-quotes.ts writes into an archive row's `thread_data`, checked
// with zod: a row written by another version, or by hand, is taken as no evidence.
import { z } from 'zod';
import type { Attribution } from './attribution.ts';
import { BLOCK_CHARS, MAX_BLOCKS, type KeptQuotes, type KeptQuotesData } from './kept-quotes.ts';

const AttributionData = z.object({
  s: z.enum(['wrote', 'groupwise', 'outlook']),
  n: z.string().nullable(),
  e: z.string().nullable(),
  d: z.number().nullable(),
  t: z.boolean(),
  z: z.boolean(),
});

const KeptQuotesData: z.ZodType<KeptQuotesData> = z.object({
  a: z.array(AttributionData).max(MAX_BLOCKS + 1),
  m: z.number().int().nullable(),
  q: z.array(z.object({ t: z.string().max(BLOCK_CHARS), a: z.number().int().nullable() })).max(MAX_BLOCKS),
});

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
