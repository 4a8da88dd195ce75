// Splits a raw message into header block and body at the first empty line (RFC 5322 §2.1), byte for
// byte, and tells which line ending the message uses so that edits keep the message's own style.
export type LineEnding = '\r\n' | '\n';

export interface MessageSplit {
  /** Header fields, each with its line ending, up to (not including) the empty line. */
  header: Buffer;
  /** The empty line itself (CRLF or LF), or empty when the message has none. */
  separator: Buffer;
  body: Buffer;
  eol: LineEnding;
}

const LF = 10;
const CR = 13;
const SP = 32;
const HT = 9;
const COLON = 58;
const MAX_NAME = 256;

/** The line ending of the first line in the range; CRLF (the canonical form) when there is no line. */
export function detectLineEnding(buf: Buffer, start = 0, end = buf.length): LineEnding {
  const lf = buf.indexOf(LF, start);
  if (lf < 0 || lf >= end) return '\r\n';
  return lf > start && buf[lf - 1] === CR ? '\r\n' : '\n';
}

/** True when a header field starts at `pos`: a field name (printable ASCII, no colon), optional WSP, then `:`. */
export function isFieldStart(buf: Buffer, pos: number, end: number): boolean {
  let i = pos;
  const limit = Math.min(end, pos + MAX_NAME);
  while (i < limit) {
    const c = buf[i] ?? 0;
    if (c === COLON) return i > pos;
    if (c <= SP || c > 126) break;
    i++;
  }
  if (i === pos) return false;
  // RFC 5322 §4.5.3 (obsolete syntax) allows WSP between the name and the colon.
  while (i < limit && (buf[i] === SP || buf[i] === HT)) i++;
  return i < limit && buf[i] === COLON;
}

/**
 * Finds where the header block in [start, end) stops. `headerEnd` is the offset of the empty line (or of
 * the first line that is neither a field nor a continuation, as lenient parsers do) and `bodyStart` the
 * offset just after the empty line.
 */
export function findHeaderEnd(buf: Buffer, start: number, end: number): { headerEnd: number; bodyStart: number } {
  let pos = start;
  while (pos < end) {
    const c = buf[pos];
    if (c === LF) return { headerEnd: pos, bodyStart: pos + 1 };
    if (c === CR && pos + 1 < end && buf[pos + 1] === LF) return { headerEnd: pos, bodyStart: pos + 2 };
    const continuation = c === SP || c === HT;
    if (continuation ? pos === start : !isFieldStart(buf, pos, end)) return { headerEnd: pos, bodyStart: pos };
    const nl = buf.indexOf(LF, pos);
    if (nl < 0 || nl >= end) return { headerEnd: end, bodyStart: end };
    pos = nl + 1;
  }
  return { headerEnd: end, bodyStart: end };
}

export function splitMessage(raw: Buffer): MessageSplit {
  const { headerEnd, bodyStart } = findHeaderEnd(raw, 0, raw.length);
  return {
    header: raw.subarray(0, headerEnd),
    separator: raw.subarray(headerEnd, bodyStart),
    body: raw.subarray(bodyStart),
    eol: detectLineEnding(raw),
  };
}
