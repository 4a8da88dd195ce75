// Content-Transfer-Encoding bodies (RFC 2045 §6): quoted-printable and base64, decoded and encoded on
// Buffers. Encoders write the message's own line ending and keep lines within 76 characters.
import type { TransferEncoding } from './content-type.ts';
import type { LineEnding } from './split-message.ts';

const EQ = 61;
const CR = 13;
const LF = 10;
const SP = 32;
const HT = 9;

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** RFC 2045 §6.7: `=XX` octets and `=` soft line breaks; a malformed `=` is kept as written. */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? 0;
    if (c !== EQ) {
      out[o++] = c;
      continue;
    }
    let j = i + 1;
    while (j < input.length && (input[j] === SP || input[j] === HT)) j++;
    if (j >= input.length) break;
    if (input[j] === LF) {
      i = j;
      continue;
    }
    if (input[j] === CR && input[j + 1] === LF) {
      i = j + 1;
      continue;
    }
    const hi = hexValue(input[i + 1]);
    const lo = hexValue(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[o++] = hi * 16 + lo;
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}

const HEX = Array.from({ length: 256 }, (_, b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * Quoted-printable for text: each line break (CRLF or LF) in the input is a hard line break written as
 * `eol`; other octets outside printable ASCII, `=`, and whitespace at a line's end are escaped. A line
 * starting `From ` is escaped too, so that no mbox step on the way adds a `>`.
 */
export function encodeQuotedPrintable(input: Buffer, eol: LineEnding, lineLength = 76): Buffer {
  if (isOwnEncoding(input, eol, lineLength)) return input;
  let out = '';
  let cur = '';
  let lineStart = 0;
  while (lineStart <= input.length) {
    let nl = input.indexOf(LF, lineStart);
    const hasBreak = nl >= 0;
    if (!hasBreak) nl = input.length;
    const contentEnd = hasBreak && nl > lineStart && input[nl - 1] === CR ? nl - 1 : nl;
    for (let i = lineStart; i < contentEnd; i++) {
      const b = input[i] ?? 0;
      const last = i === contentEnd - 1;
      let token: string;
      if ((b === SP || b === HT) && !last) token = String.fromCharCode(b);
      else if (b > SP && b < 127 && b !== EQ) token = String.fromCharCode(b);
      else token = HEX[b] ?? '';
      if (i === lineStart && b === 70 && input.toString('latin1', i, i + 5) === 'From ') token = '=46';
      const room = last ? lineLength : lineLength - 1;
      if (cur.length + token.length > room) {
        out += `${cur}=${eol}`;
        cur = '';
      }
      cur += token;
    }
    out += cur;
    cur = '';
    if (!hasBreak) break;
    out += eol;
    lineStart = nl + 1;
    if (lineStart === input.length) break;
  }
  return Buffer.from(out, 'latin1');
}

/**
 * True when quoted-printable would leave the text as it is: printable ASCII without `=`, short lines
 * already ending in `eol`, no whitespace before a break and no line starting `From `. Footers usually
 * are, and this check costs far less than encoding them for every recipient.
 */
function isOwnEncoding(input: Buffer, eol: LineEnding, lineLength: number): boolean {
  let col = 0;
  for (let i = 0; i < input.length; i++) {
    const b = input[i] ?? 0;
    if (b === LF) {
      if ((eol === '\r\n') !== (i > 0 && input[i - 1] === CR)) return false;
      const last = input[i - (eol === '\r\n' ? 2 : 1)];
      if (last === SP || last === HT) return false;
      col = 0;
      continue;
    }
    if (b === CR) {
      if (eol !== '\r\n' || input[i + 1] !== LF) return false;
      continue;
    }
    if (b < SP || b > 126 || b === EQ) return false;
    if (col === 0 && b === 70 && input.toString('latin1', i, i + 5) === 'From ') return false;
    if (++col > lineLength) return false;
  }
  const end = input[input.length - 1];
  return end !== SP && end !== HT;
}

/**
 * Base64 body: characters outside the alphabet (line breaks, junk) are skipped; padding in the middle
 * (bodies glued from separately encoded pieces) starts a new piece.
 */
export function decodeBase64(input: Buffer): Buffer {
  const clean = input.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
  const pieces = clean.split(/(?<==)(?=[^=])/);
  if (pieces.length === 1) return Buffer.from(clean, 'base64');
  return Buffer.concat(pieces.map((p) => Buffer.from(p, 'base64')));
}

/** Base64 in lines of `lineLength` characters, each ended by `eol` (RFC 2045 §6.8). */
export function encodeBase64(input: Buffer, eol: LineEnding, lineLength = 76): Buffer {
  const b64 = input.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += lineLength) out += b64.slice(i, i + lineLength) + eol;
  return Buffer.from(out, 'latin1');
}

export function decodeTransfer(body: Buffer, encoding: TransferEncoding): Buffer {
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return decodeBase64(body);
  return body;
}

export function encodeTransfer(body: Buffer, encoding: TransferEncoding, eol: LineEnding): Buffer {
  if (encoding === 'quoted-printable') return encodeQuotedPrintable(body, eol);
  if (encoding === 'base64') return encodeBase64(body, eol);
  return body;
}
