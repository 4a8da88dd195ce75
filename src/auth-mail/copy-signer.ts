// Signs each outgoing copy after it is rendered: a DKIM-Signature by the list domain's key and,
// when the list asks, an ARC set. The body hash is computed once and shared by both.
import type { MailingList } from '../domain/list.ts';
import { parseHeaderFields, splitMessage } from '../mime/index.ts';
import { arcSet, sealContext } from './arc-seal.ts';
import { bodyHash, dkimSignature } from './dkim-sign.ts';
import type { SigningKey } from './signature-field.ts';

/** Returns the copy with its signature fields on top. */
export type CopySigner = (copy: Buffer) => Promise<Buffer>;

export interface SignOptions {
  key: SigningKey;
  dkim: boolean;
  arc: boolean;
  /** Our authserv-id, to find our Authentication-Results for the ARC set. */
  authservId: string;
  now(): Date;
}

export async function signCopy(copy: Buffer, o: SignOptions): Promise<Buffer> {
  const split = splitMessage(copy);
  const fields = parseHeaderFields(split.header);
  const bh = bodyHash(split.body);
  const signedAt = o.now();
  const added = o.dkim ? [await dkimSignature(fields, bh, o.key, signedAt, split.eol)] : [];
  const seal = o.arc ? sealContext(fields, o.authservId) : null;
  if (seal) added.unshift(...(await arcSet([...added, ...fields], bh, o.key, seal, o.authservId, signedAt, split.eol)));
  return added.length === 0 ? copy : Buffer.concat([...added.map((f) => f.raw), copy]);
}

/** Keys by domain, as DkimKeyring serves them. */
export interface KeySource {
  forDomain(domain: string): Promise<SigningKey | null>;
}

/**
 * The signer for a list's copies, or null when the list signs nothing or no key exists for its
 * domain (nor a parent domain, which DMARC's relaxed alignment accepts, RFC 7489 §3.1.1).
 */
export async function signerForList(keys: KeySource, list: MailingList, authservId: string, now: () => Date): Promise<CopySigner | null> {
  const { dkimSign, arcSeal } = list.settings;
  if (!dkimSign && !arcSeal) return null;
  const labels = list.domain.toLowerCase().split('.');
  let key: SigningKey | null = null;
  for (let i = 0; i < labels.length - 1 && !key; i++) key = await keys.forDomain(labels.slice(i).join('.'));
  if (!key) return null;
  const o: SignOptions = { key, dkim: dkimSign, arc: arcSeal, authservId, now };
  return (copy) => signCopy(copy, o);
}
