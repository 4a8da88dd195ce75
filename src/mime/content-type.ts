// Content-Type and Content-Transfer-Encoding as the rewriters need them (RFC 2045 §5, §6): media type,
// parameters (RFC 2231 continuations joined by libmime), charset, boundary, and the defaults for absent fields.
import libmime from 'libmime';
import { fieldValue, getField } from './header-fields.ts';
import type { HeaderField } from './header-fields.ts';

export interface ContentType {
  /** Lower-cased `type/subtype`. */
  mediaType: string;
  type: string;
  subtype: string;
  /** Parameters with lower-cased names; values as written (boundaries are case-sensitive). */
  params: Readonly<Record<string, string>>;
  /** False when a value was given but could not be read, so the type is only the default guess. */
  valid: boolean;
}

export type TransferEncoding = '7bit' | '8bit' | 'binary' | 'quoted-printable' | 'base64' | 'other';

const TYPE_RE = /^([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)$/;

/**
 * Parses a Content-Type value. A missing or unparsable type means text/plain (RFC 2045 §5.2), or
 * message/rfc822 inside multipart/digest (RFC 2046 §5.1.5) when that is the `fallback`.
 */
export function parseContentType(value: string | null | undefined, fallback = 'text/plain'): ContentType {
  let media = '';
  let params: Record<string, string> = {};
  if (value) {
    try {
      const parsed = libmime.parseHeaderValue(value);
      media = parsed.value.trim().toLowerCase();
      params = Object.fromEntries(Object.entries(parsed.params).map(([k, v]) => [k.toLowerCase(), String(v)]));
    } catch {
      media = '';
    }
  }
  const m = TYPE_RE.exec(media) ?? TYPE_RE.exec(fallback);
  const type = m?.[1] ?? 'text';
  const subtype = m?.[2] ?? 'plain';
  const valid = TYPE_RE.test(media);
  return { mediaType: `${type}/${subtype}`, type, subtype, params: valid ? params : {}, valid: valid || !value };
}

export function contentTypeOf(fields: readonly HeaderField[], fallback = 'text/plain'): ContentType {
  const f = getField(fields, 'content-type');
  return parseContentType(f ? fieldValue(f) : null, fallback);
}

/** The declared charset, lower-cased, or null when absent. */
export function charsetOf(ct: ContentType): string | null {
  const cs = ct.params.charset?.trim().replace(/^"|"$/g, '').toLowerCase();
  return cs ? cs : null;
}

export function boundaryOf(ct: ContentType): string | null {
  const b = ct.params.boundary;
  return b && b.length <= 200 ? b : null;
}

export function parseTransferEncoding(value: string | null): TransferEncoding {
  const v = (value ?? '7bit').trim().toLowerCase();
  if (v === '' || v === '7bit') return '7bit';
  if (v === '8bit' || v === 'binary' || v === 'quoted-printable' || v === 'base64') return v;
  return 'other';
}

export function transferEncodingOf(fields: readonly HeaderField[]): TransferEncoding {
  const f = getField(fields, 'content-transfer-encoding');
  return parseTransferEncoding(f ? fieldValue(f) : null);
}

/** True when Content-Disposition says `attachment`: the part is a file, not text to read. */
export function isAttachment(fields: readonly HeaderField[]): boolean {
  const f = getField(fields, 'content-disposition');
  return f !== undefined && /^\s*attachment\b/i.test(fieldValue(f));
}
