// ARC sealing (RFC 8617) of an outgoing copy: the list adds the next ARC set — our
// Authentication-Results as ARC-Authentication-Results, an ARC-Message-Signature over the copy as it
// leaves, and an ARC-Seal over the chain — so receivers that trust the list can see the post was
// authenticated before the list changed it. A chain that did not validate is not extended.
import type { HeaderField, LineEnding } from '../mime/index.ts';
import { fieldValue, makeField } from '../mime/index.ts';
import { relaxedHeader } from './canonicalize.ts';
import { headerList, SIGNED_FIELDS } from './dkim-sign.ts';
import { selectedHeaders, signatureField, type SigningKey } from './signature-field.ts';

/** RFC 8617 §4.2.1: at most 50 ARC sets. */
const MAX_INSTANCE = 50;

const ARC_FIELDS = ['arc-authentication-results', 'arc-message-signature', 'arc-seal'] as const;

export interface SealContext {
  /** i= of the set we add. */
  instance: number;
  /** The chain validation status we vouch for (RFC 8617 §4.1.3). */
  cv: 'none' | 'pass';
  /** Our Authentication-Results value, authserv-id first, or null when the post was not checked. */
  results: string | null;
}

const instanceOf = (f: HeaderField): number => Number(/(?:^|;)\s*i\s*=\s*(\d+)/.exec(fieldValue(f))?.[1] ?? NaN);

/** Where the chain stands in the copy, or null when it must not be extended. */
export function sealContext(fields: readonly HeaderField[], authservId: string): SealContext | null {
  const ours = fields.find((f) => f.key === 'authentication-results' && fieldValue(f).split(';')[0]?.trim().toLowerCase() === authservId.toLowerCase());
  const results = ours ? fieldValue(ours) : null;
  const sets = new Map<number, number>();
  for (const f of fields) {
    if (!(ARC_FIELDS as readonly string[]).includes(f.key)) continue;
    const i = instanceOf(f);
    if (!Number.isInteger(i) || i < 1) return null;
    sets.set(i, (sets.get(i) ?? 0) + 1);
  }
  const n = sets.size;
  if (n === 0) return { instance: 1, cv: 'none', results };
  // Each set whole (three fields), numbered 1..n, and judged valid when the post came in.
  for (let i = 1; i <= n; i++) if (sets.get(i) !== 3) return null;
  if (n >= MAX_INSTANCE || !results || !/(?:^|;)\s*arc=pass\b/i.test(results)) return null;
  return { instance: n + 1, cv: 'pass', results };
}

/** The new set's fields in the order they go on top: ARC-Seal, ARC-Message-Signature, ARC-Authentication-Results. */
export async function arcSet(fields: readonly HeaderField[], bh: string, key: SigningKey, ctx: SealContext, authservId: string, signedAt: Date, eol: LineEnding): Promise<HeaderField[]> {
  const i = String(ctx.instance);
  const t = String(Math.floor(signedAt.getTime() / 1000));
  const aar = makeField('ARC-Authentication-Results', `i=${i}; ${ctx.results ?? `${authservId}; none`}`, eol);
  // The AMS signs what the DKIM signature signs, and that signature too (ARC fields never, §4.1.2).
  const h = headerList(fields, [...SIGNED_FIELDS, 'dkim-signature']);
  const amsTags = [['i', i], ['a', key.algorithm], ['c', 'relaxed/relaxed'], ['d', key.domain], ['s', key.selector], ['t', t], ['h', h.join(':')], ['bh', bh]] as const;
  const ams = await signatureField('ARC-Message-Signature', amsTags, selectedHeaders(fields, h), key, eol);
  // RFC 8617 §5.1.1: the seal covers every set in order, this one's seal last with b= empty.
  let chain = '';
  if (ctx.cv === 'pass') {
    for (let k = 1; k < ctx.instance; k++) {
      for (const name of ARC_FIELDS) {
        const f = fields.find((x) => x.key === name && instanceOf(x) === k);
        if (f) chain += relaxedHeader(f.raw.toString('latin1'));
      }
    }
  }
  chain += relaxedHeader(aar.raw.toString('latin1')) + relaxedHeader(ams.raw.toString('latin1'));
  const asTags = [['i', i], ['a', key.algorithm], ['t', t], ['cv', ctx.cv], ['d', key.domain], ['s', key.selector]] as const;
  const seal = await signatureField('ARC-Seal', asTags, chain, key, eol);
  return [seal, ams, aar];
}
