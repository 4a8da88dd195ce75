// The DKIM-Signature (RFC 6376) of an outgoing copy, relaxed/relaxed, by the list domain's key. It
// signs the fields readers and filters look at, List-Unsubscribe and List-Unsubscribe-Post included
// (RFC 8058 §4), and over-signs those nobody may add on the way (RFC 6376 §8.15).
import { createHash } from 'node:crypto';
import type { HeaderField, LineEnding } from '../mime/index.ts';
import { relaxedBody } from './canonicalize.ts';
import { selectedHeaders, signatureField, type SigningKey } from './signature-field.ts';

export const SIGNED_FIELDS = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'to', 'cc', 'message-id', 'in-reply-to', 'references',
  'mime-version', 'content-type', 'content-transfer-encoding', 'x-original-from', 'precedence',
  'list-id', 'list-help', 'list-unsubscribe', 'list-unsubscribe-post', 'list-subscribe', 'list-post',
  'list-owner', 'list-archive', 'archived-at',
] as const;

const OVERSIGNED = new Set<string>([
  'from', 'reply-to', 'subject', 'date', 'to', 'cc', 'message-id', 'mime-version', 'content-type',
  'list-id', 'list-unsubscribe', 'list-unsubscribe-post',
]);

/** The h= list for these fields: every instance of a signed field, and one more of the over-signed. */
export function headerList(fields: readonly HeaderField[], names: readonly string[] = SIGNED_FIELDS): string[] {
  const out: string[] = [];
  for (const name of names) {
    const n = fields.reduce((c, f) => c + (f.key === name ? 1 : 0), 0);
    for (let i = 0; i < n; i++) out.push(name);
    if (OVERSIGNED.has(name)) out.push(name);
  }
  return out;
}

/** bh=: the SHA-256 of the relaxed body, base64 (RFC 6376 §3.7). DKIM and ARC share it. */
export const bodyHash = (body: Buffer): string => createHash('sha256').update(relaxedBody(body)).digest('base64');

export function dkimSignature(fields: readonly HeaderField[], bh: string, key: SigningKey, signedAt: Date, eol: LineEnding): Promise<HeaderField> {
  const h = headerList(fields);
  const tags = [
    ['v', '1'], ['a', key.algorithm], ['c', 'relaxed/relaxed'], ['d', key.domain], ['s', key.selector],
    ['t', String(Math.floor(signedAt.getTime() / 1000))], ['h', h.join(':')], ['bh', bh],
  ] as const;
  return signatureField('DKIM-Signature', tags, selectedHeaders(fields, h), key, eol);
}
