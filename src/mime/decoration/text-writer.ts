// Writes a decoration text as bytes: `\n` line breaks become the body's line ending, the text ends with
// a line break, and characters are encoded in the part's charset (ASCII takes a fast path).
import { encodeText, isAscii, isUtf8Charset } from '../charset.ts';
import type { LineEnding } from '../split-message.ts';

export type TextWriter = (text: string) => Buffer;

export function textWriter(charset: string, eol: LineEnding): TextWriter {
  const utf8 = isUtf8Charset(charset);
  return (text) => {
    if (text === '') return Buffer.alloc(0);
    let s = eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
    if (!s.endsWith('\n')) s += eol;
    if (utf8) return Buffer.from(s, 'utf8');
    if (isAscii(s)) return Buffer.from(s, 'latin1');
    // A character the charset cannot hold (a non-ASCII member address, say) becomes `?` rather than
    // breaking the part's charset.
    return encodeText(s, charset) ?? Buffer.from(s.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
  };
}
