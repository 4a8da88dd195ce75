// RFC 2047 encoded words: decoding (libmime) and encoding in a chosen charset, each word at most 75
// characters (RFC 2047 §2) and never splitting a character between two words (§5 rule 3).
import libmime from 'libmime';
import { encodeText, isAscii } from './charset.ts';

const WORD_RE = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;
const MAX_WORD = 75;

/** Decodes every encoded word in an unfolded header value; a malformed word is left as written. */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** The charsets named by the encoded words of a value, lower-cased, RFC 2231 language suffix removed. */
export function encodedWordCharsets(value: string): string[] {
  return [...value.matchAll(WORD_RE)].map((m) => (m[1] ?? '').replace(/\*.*$/, '').toLowerCase());
}

// RFC 2047 §5 rule 3: in a phrase or *text, Q may leave only these characters as they are.
const Q_PLAIN = /[A-Za-z0-9!*+\-/]/;

function qEncode(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (b === 32) out += '_';
    else if (b < 128 && Q_PLAIN.test(ch)) out += ch;
    else out += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const qLength = (bytes: Buffer): number => qEncode(bytes).length;
const bLength = (bytes: Buffer): number => Math.ceil(bytes.length / 3) * 4;

function encodeChunk(bytes: Buffer, charset: string, mode: 'Q' | 'B'): string {
  const text = mode === 'Q' ? qEncode(bytes) : bytes.toString('base64');
  return `=?${charset}?${mode}?${text}?=`;
}

/**
 * Encodes `text` as one or more encoded words in `charset` (UTF-8 when the charset cannot represent
 * it). Q or B is chosen by which is shorter. Whitespace inside `text` is kept inside the words, because
 * whitespace between adjacent encoded words is dropped by decoders (RFC 2047 §6.2).
 */
export function encodeWords(text: string, charset = 'UTF-8'): string[] {
  let cs = charset;
  let all = encodeText(text, cs);
  if (!all) {
    cs = 'UTF-8';
    all = Buffer.from(text, 'utf8');
  }
  const mode: 'Q' | 'B' = qLength(all) <= bLength(all) ? 'Q' : 'B';
  const overhead = cs.length + 7;
  const words: string[] = [];
  const chars = Array.from(text);
  let chunk = '';
  let chunkBytes: Buffer = Buffer.alloc(0);
  for (const ch of chars) {
    const next = chunk + ch;
    const bytes = encodeText(next, cs) ?? Buffer.from(next, 'utf8');
    const len = overhead + (mode === 'Q' ? qLength(bytes) : bLength(bytes));
    if (len > MAX_WORD && chunk !== '') {
      words.push(encodeChunk(chunkBytes, cs, mode));
      chunk = ch;
      chunkBytes = encodeText(ch, cs) ?? Buffer.from(ch, 'utf8');
    } else {
      chunk = next;
      chunkBytes = bytes;
    }
  }
  if (chunk !== '') words.push(encodeChunk(chunkBytes, cs, mode));
  return words;
}

const needsEncoding = (word: string): boolean => !isAscii(word) || word.includes('=?') || /[\x00-\x08\x0a-\x1f\x7f]/.test(word);

/**
 * Tokens for an unstructured header value (Subject, ...): ASCII words stay as they are, runs of words
 * that need encoding become encoded words. The tokens are joined with single spaces when folded.
 */
export function unstructuredTokens(text: string, charset = 'UTF-8'): string[] {
  const words = text.split(/[ \t\r\n]+/).filter((w) => w !== '');
  const tokens: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) tokens.push(...encodeWords(run.join(' '), charset));
    run = [];
  };
  for (const w of words) {
    if (needsEncoding(w)) run.push(w);
    else {
      flush();
      tokens.push(w);
    }
  }
  flush();
  return tokens;
}

const PHRASE_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/;

/** A display name as an RFC 5322 phrase: atoms as is, specials quoted, non-ASCII as encoded words. */
export function encodePhrase(name: string, charset = 'UTF-8'): string {
  if (!isAscii(name) || name.includes('=?')) return encodeWords(name, charset).join(' ');
  if (PHRASE_ATOM.test(name)) return name;
  return `"${name.replace(/[\\"]/g, '\\$&')}"`;
}
