// Header text for display: RFC 2047 encoded-words decoded (adjacent words of one charset joined
// before decoding, so multibyte characters split across words survive, §6.2), and raw 8-bit bytes
// (RFC 6532, or plain misbehaviour) read as UTF-8 when valid, windows-1252 otherwise.
import { isUtf8 } from 'node:buffer';
import { decodeCharset, decodeUnlabelled } from './charset.ts';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function wordBytes(enc: string, text: string): Buffer {
  if (enc === 'B' || enc === 'b') return Buffer.from(text, 'base64');
  // RFC 2047 §4.2: "_" is a space; =XX escapes.
  const s = text.replace(/_/g, ' ');
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ch & 0xff);
  }
  return Buffer.from(out);
}

/**
 * Reads 8-bit header bytes (held as a latin1 string) as text: UTF-8 when valid, else the charset
 * the message declares for its body (what the sender's mailer used), else windows-1252.
 */
export function decodeRawHeader(latin1: string, bodyCharset?: string | null): string {
  // Pure ASCII needs nothing.
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  return bodyCharset && !isUtf8(bytes) ? decodeCharset(bytes, bodyCharset) : decodeUnlabelled(bytes);
}

/** Decodes a header value held as a latin1 string. Never throws. */
export function decodeHeader(latin1: string, bodyCharset?: string | null): string {
  const text = decodeRawHeader(latin1, bodyCharset);
  if (!text.includes('=?')) return text;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flushPending = (): void => {
    if (!pending) return;
    out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of text.matchAll(ENCODED_WORD)) {
    const start = m.index ?? 0;
    const between = text.slice(last, start);
    const charset = (m[1] ?? '').replace(/\*.*$/, '').toLowerCase();
    const bytes = wordBytes(m[2] ?? 'Q', m[3] ?? '');
    // RFC 2047 §6.2: whitespace between adjacent encoded-words is not displayed.
    if (pending !== null && /^\s*$/.test(between)) {
      const p: { charset: string; bytes: Buffer[] } = pending;
      if (p.charset === charset) p.bytes.push(bytes);
      else { flushPending(); pending = { charset, bytes: [bytes] }; }
    } else {
      flushPending();
      out += between;
      pending = { charset, bytes: [bytes] };
    }
    last = start + m[0].length;
  }
  flushPending();
  return out + text.slice(last);
}
