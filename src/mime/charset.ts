// Text to bytes and back in a message's declared charset (iconv-lite), with the checks the rewriters need:
// can this text be written in that charset, and does the charset keep ASCII bytes as they are.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

const UTF8 = /^(?:utf-?8|utf8mb4)$/i;
const ASCII = /^(?:us-?ascii|ascii|ansi_x3\.4-1968|7bit)$/i;
// Every printable ASCII character and the line breaks: a charset is ASCII-compatible when it writes
// these as the same bytes (UTF-16, UTF-7 and EBCDIC do not).
const ASCII_PROBE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\r\n\t';

export const isUtf8Charset = (charset: string): boolean => UTF8.test(charset.trim());
export const isAsciiCharset = (charset: string): boolean => ASCII.test(charset.trim());
export const isAscii = (text: string): boolean => !/[^\x00-\x7f]/.test(text);

function known(charset: string): boolean {
  try {
    return iconv.encodingExists(charset);
  } catch {
    return false;
  }
}

/** Bytes of `text` in `charset`, or null when the charset is unknown or cannot represent the text. */
export function encodeText(text: string, charset: string): Buffer | null {
  if (isUtf8Charset(charset)) return Buffer.from(text, 'utf8');
  if (isAsciiCharset(charset)) return isAscii(text) ? Buffer.from(text, 'latin1') : null;
  if (!known(charset)) return null;
  try {
    const bytes = iconv.encode(text, charset);
    return iconv.decode(bytes, charset) === text ? bytes : null;
  } catch {
    return null;
  }
}

/** Decodes bytes in `charset`; an unknown or missing charset reads as UTF-8 when valid, else Latin-1. */
export function decodeText(bytes: Buffer, charset: string | null): string {
  if (charset && !isUtf8Charset(charset) && !isAsciiCharset(charset) && known(charset)) {
    try {
      return iconv.decode(bytes, charset);
    } catch {
      // fall through to the lenient reading
    }
  }
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

const compatible = new Map<string, boolean>();

/** True when the charset writes ASCII text as ASCII bytes, so ASCII may be appended to its text as is. */
export function isAsciiCompatible(charset: string): boolean {
  const key = charset.trim().toLowerCase();
  const cached = compatible.get(key);
  if (cached !== undefined) return cached;
  const bytes = encodeText(ASCII_PROBE, key);
  const ok = bytes !== null && bytes.equals(Buffer.from(ASCII_PROBE, 'latin1'));
  compatible.set(key, ok);
  return ok;
}
