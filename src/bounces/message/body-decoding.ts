// Turns a MIME body into text: undo the transfer encoding (RFC 2045 §6: base64, quoted-printable),
// then the charset. Bodies are held one char per byte ("latin1" strings) until this point.
import libmime from 'libmime';
import { bytesToText } from './header-fields.ts';

const MAX_TEXT = 256 * 1024;

function decodeQuotedPrintable(body: string): string {
  // Soft line breaks first (RFC 2045 §6.7 rule 5), tolerating trailing blanks after the "=".
  const joined = body.replace(/=[ \t]*\r?\n/g, '');
  return joined.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Undoes Content-Transfer-Encoding; returns bytes as a latin1 string. Unknown encodings pass through. */
export function decodeTransfer(body: string, encoding: string | undefined): string {
  const cte = (encoding ?? '').trim().toLowerCase();
  if (cte === 'base64') {
    const clean = body.replace(/[^A-Za-z0-9+/=]/g, '');
    return Buffer.from(clean, 'base64').toString('latin1');
  }
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

const UTF8_LIKE = /^(?:utf-?8|us-ascii|ascii|ansi_x3\.4-1968|)$/;

function inCharset(bytes: string, charset: string): string {
  try {
    // libmime knows the charsets iconv-lite lacks (ISO-2022-JP and friends).
    return libmime.decodeWord(charset, 'B', Buffer.from(bytes, 'latin1').toString('base64'));
  } catch {
    return bytesToText(bytes);
  }
}

/** Decodes bytes (latin1 string) in the declared charset; never throws, falls back to UTF-8/Latin-1. */
export function decodeCharset(bytes: string, charset: string | undefined): string {
  const cs = (charset ?? '').trim().toLowerCase().replace(/^["']|["']$/g, '');
  const input = bytes.length > MAX_TEXT ? bytes.slice(0, MAX_TEXT) : bytes;
  let text: string;
  if (UTF8_LIKE.test(cs) || !/[\x80-\xff\x1b]/.test(input)) {
    text = bytesToText(input);
  } else {
    // A 7-bit charset label on 8-bit bytes is a mislabel: Japanese MTAs send EUC-JP as ISO-2022-JP.
    const actual = cs.startsWith('iso-2022-jp') && /[\x80-\xff]/.test(input) && !/\x1b/.test(input) ? 'euc-jp' : cs;
    text = inCharset(input, actual);
  }
  return text.replace(/\r\n?/g, '\n');
}
