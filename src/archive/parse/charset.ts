// Turns bytes in a declared charset into text. Labels follow the WHATWG Encoding Standard (so
// iso-8859-1 reads as windows-1252, as mail really is); iconv-lite covers the rest; a label
// nobody knows, or bytes that contradict "us-ascii"/"utf-8", fall back to UTF-8 when the bytes are
// valid UTF-8 and windows-1252 otherwise. Never throws.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

const decoders = new Map<string, TextDecoder | null>();
let cp1252: TextDecoder | null = null;

function decoderFor(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (d !== undefined) return d;
  try {
    d = new TextDecoder(label);
  } catch {
    d = null;
  }
  if (decoders.size < 200) decoders.set(label, d);
  return d;
}

function hasHighBytes(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if ((buf[i] ?? 0) >= 0x80) return true;
  return false;
}

/** Best-effort guess for bytes with no usable label: UTF-8 if valid, else windows-1252. */
export function decodeUnlabelled(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8');
  cp1252 ??= new TextDecoder('windows-1252');
  return cp1252.decode(buf);
}

/** Normalises a charset label: lower case, no quotes, no RFC 2231 language suffix. */
export function normaliseCharset(label: string | undefined | null): string {
  if (!label) return '';
  return label.trim().replace(/^["']|["']$/g, '').replace(/\*.*$/, '').toLowerCase();
}

/** Decodes `buf` as `charset`; see the file comment for the fallbacks. */
export function decodeCharset(buf: Buffer, charset: string | undefined | null): string {
  const label = normaliseCharset(charset);
  if (label === '' || label === 'us-ascii' || label === 'ascii' || label === 'utf-8' || label === 'utf8' || label === 'unknown-8bit' || label === 'x-unknown') {
    if (label !== '' && label !== 'unknown-8bit' && label !== 'x-unknown' && !hasHighBytes(buf)) return buf.toString('latin1');
    return decodeUnlabelled(buf);
  }
  const d = decoderFor(label);
  if (d) return d.decode(buf);
  if (iconv.encodingExists(label)) {
    try {
      return iconv.decode(buf, label);
    } catch {
      // iconv-lite refused these bytes; the guess below still gives readable text.
    }
  }
  return decodeUnlabelled(buf);
}
