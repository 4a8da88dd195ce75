// Streams an mbox (RFC 4155; mboxrd, mboxo, Pipermail .txt, gzipped or not) as one RawMessage at
// a time. Memory holds one message plus one input chunk. Only candidate "From " lines are looked
// at, found with indexOf, so the split runs at memory speed.
import { openBytes, type ByteSource } from './byte-source.ts';
import { startsMessage, nextLineDecidable, HEADER_START } from './envelope.ts';
import { unescapeFrom } from './from-escaping.ts';
import type { MboxFormat, RawMessage } from './raw-message.ts';

export interface MboxOptions {
  /** How "From " body lines were escaped; default mboxrd. */
  format?: MboxFormat;
}

const NL_FROM = Buffer.from('\nFrom ');
const LF = 0x0a;
const CR = 0x0d;

interface Current {
  fromLine: string | undefined;
  offset: number;
}

function startsWithFrom(buf: Buffer, at: number): boolean {
  return buf[at] === 0x46 && buf[at + 1] === 0x72 && buf[at + 2] === 0x6f && buf[at + 3] === 0x6d && buf[at + 4] === 0x20;
}

/**
 * Whether the line that ends just before `lineStart` is empty (or CR only). `blankBeforeBuf` tells
 * for lineStart 0; `headBlank` whether the bytes before buf[0] on its first line were empty.
 */
function lineBeforeIsBlank(buf: Buffer, lineStart: number, blankBeforeBuf: boolean, headBlank: boolean): boolean {
  if (lineStart === 0) return blankBeforeBuf;
  // buf[lineStart - 1] is the LF ending the previous line.
  const p = lineStart - 1;
  if (p === 0) return headBlank;
  if (buf[p - 1] === LF) return true;
  if (buf[p - 1] !== CR) return false;
  return p - 1 === 0 ? headBlank : buf[p - 2] === LF;
}

/** Whether bytes from `at` to the end are only CRs (an empty line so far). */
function onlyCr(buf: Buffer, at: number): boolean {
  for (let i = at; i < buf.length; i++) if (buf[i] !== CR) return false;
  return true;
}

const FROM_SPACE = Buffer.from('From ');

/** Drops the blank separator line that ends every mbox message but the last one written badly. */
function stripSeparator(raw: Buffer): Buffer {
  const n = raw.length;
  if (n >= 2 && raw[n - 1] === LF && raw[n - 2] === LF) return raw.subarray(0, n - 1);
  if (n >= 4 && raw[n - 1] === LF && raw[n - 2] === CR && raw[n - 3] === LF && raw[n - 4] === CR) return raw.subarray(0, n - 2);
  return raw;
}

/** The messages of an mbox file, path or byte iterable. */
export async function* readMbox(source: ByteSource, options: MboxOptions = {}): AsyncGenerator<RawMessage> {
  const format = options.format ?? 'mboxrd';
  let buf: Buffer = Buffer.alloc(0);
  let base = 0; // absolute offset of buf[0]
  let parts: Buffer[] = []; // bytes of the current message that precede buf
  let partsLen = 0;
  let cur: Current | null = null; // null until the first message starts
  let blankBeforeBuf = true;
  // When the last line of a chunk cannot start a message it goes to `parts` at once, so the next
  // chunk need not be copied onto it; buf then starts mid-line.
  let midLine = false;
  let headBlank = true;
  let first = true;

  const finish = (body: Buffer): RawMessage | null => {
    const whole = parts.length === 0 ? body : Buffer.concat([...parts, body], partsLen + body.length);
    parts = [];
    partsLen = 0;
    if (cur === null) {
      // Bytes before the first From_ line: a lone message without envelope, or noise.
      if (!HEADER_START.test(whole.toString('latin1', 0, 80))) return null;
      cur = { fromLine: undefined, offset: 0 };
    }
    let raw = stripSeparator(whole);
    if (format !== 'raw') raw = unescapeFrom(raw, format);
    const msg: RawMessage = { raw, offset: cur.offset };
    if (cur.fromLine !== undefined) msg.fromLine = cur.fromLine;
    return msg;
  };

  // Scans buf for message starts; returns the messages found and leaves the undecided tail in buf.
  const scan = (eof: boolean): RawMessage[] => {
    const out: RawMessage[] = [];
    let msgStart = 0;
    let i = 0; // next line start not yet examined
    let keep = -1; // where to cut buf when more input is needed
    for (;;) {
      let s: number;
      if ((i > 0 || !midLine) && startsWithFrom(buf, i)) s = i;
      else {
        const k = buf.indexOf(NL_FROM, i === 0 ? 0 : i - 1);
        s = k < 0 ? -1 : k + 1;
      }
      if (s < 0) break;
      const e = buf.indexOf(LF, s);
      if (e < 0 && !eof) { keep = s; break; }
      const lineEnd = e < 0 ? buf.length : e;
      let next: string | null = null;
      if (e >= 0 && e + 1 < buf.length) {
        const nextPrefix = buf.toString('latin1', e + 1, Math.min(buf.length, e + 81));
        if (!eof && !nextLineDecidable(nextPrefix)) { keep = s; break; }
        next = nextPrefix;
      } else if (e >= 0 && !eof) { keep = s; break; }
      const line = buf.toString('latin1', s, lineEnd);
      if (startsMessage({ line, next, afterBlank: lineBeforeIsBlank(buf, s, blankBeforeBuf, headBlank) })) {
        if (cur !== null || s > msgStart || partsLen > 0) {
          const m = finish(buf.subarray(msgStart, s));
          if (m) out.push(m);
        }
        cur = { fromLine: line.endsWith('\r') ? line.slice(0, -1) : line, offset: base + s };
        msgStart = e < 0 ? buf.length : e + 1;
      }
      i = e < 0 ? buf.length : e + 1;
      if (i >= buf.length) break;
    }
    if (eof) {
      if (msgStart < buf.length || cur !== null || partsLen > 0) {
        const m = finish(buf.subarray(msgStart));
        if (m) out.push(m);
      }
      buf = Buffer.alloc(0);
      return out;
    }
    // Keep the undecided candidate, or a partial last line that may still become "From ", for the
    // next chunk; anything else is the current message's.
    let cut = keep >= 0 ? keep : buf.lastIndexOf(LF) + 1;
    if (cut < msgStart) cut = msgStart;
    const tail = buf.length - cut;
    const mayBecomeFrom = keep >= 0 || ((cut > 0 || !midLine) && tail < FROM_SPACE.length && FROM_SPACE.subarray(0, tail).equals(buf.subarray(cut)));
    const end = mayBecomeFrom ? cut : buf.length;
    if (end > msgStart) {
      parts.push(buf.subarray(msgStart, end));
      partsLen += end - msgStart;
    }
    if (!mayBecomeFrom) {
      headBlank = (cut > 0 || headBlank) && onlyCr(buf, cut);
      midLine = true;
      base += buf.length;
      buf = Buffer.alloc(0);
      return out;
    }
    if (cut > 0) {
      blankBeforeBuf = lineBeforeIsBlank(buf, cut, blankBeforeBuf, headBlank);
      midLine = false;
      headBlank = true;
    }
    buf = buf.subarray(cut);
    base += cut;
    return out;
  };

  for await (let chunk of openBytes(source)) {
    if (first) {
      first = false;
      // A UTF-8 byte order mark before the first From_ line is not part of any message.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) { chunk = chunk.subarray(3); base = 3; }
    }
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    yield* scan(false);
  }
  yield* scan(true);
}
