// Turns bytes in a declared charset into text. Labels follow the WHATWG Encoding Standard (so
// iso-8859-1 reads as windows-1252, as mail really is); iconv-lite covers the rest; a label
// nobody knows, or bytes that contradict "us-ascii"/"utf-8", fall back to UTF-8 when the bytes are
// valid UTF-8 and windows-1252 otherwise. Never throws.
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

// The WHATWG Encoding Standard's reading of labels mail gets wrong most: ISO-8859-1 and -9 bodies
// are really windows-1252/-1254 (Outlook's smart quotes), and a few vendor names.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['iso-8859-1', 'windows-1252'], ['iso8859-1', 'windows-1252'], ['iso_8859-1', 'windows-1252'], ['latin1', 'windows-1252'],
  ['l1', 'windows-1252'], ['ascii', 'windows-1252'], ['iso-8859-9', 'windows-1254'], ['latin5', 'windows-1254'],
  ['ks_c_5601-1987', 'euc-kr'], ['x-sjis', 'shift_jis'], ['x-gbk', 'gbk'], ['cp936', 'gbk'], ['ms936', 'gbk'],
]);

const decoders = new Map<string, TextDecoder | null>();

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

const hasHighBytes = (buf: Uint8Array): boolean => !isAscii(buf);

/** Best-effort guess for bytes with no usable label: UTF-8 if valid, else windows-1252. */
export function decodeUnlabelled(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8');
  return iconv.decode(buf, 'windows-1252');
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
  const name = ALIASES.get(label) ?? label;
  // Node's TextDecoder reads windows-1252 as latin1 (0x80-0x9f wrong); iconv-lite has the real tables.
  if (name.startsWith('windows-125') || name.startsWith('cp125')) return iconv.decode(buf, name);
  const d = decoderFor(name);
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
