// An iterative walk over a message's MIME tree (RFC 2046 §5.1 multiparts, §5.2.1 message/rfc822),
// giving each part's byte offsets so rewriters can splice bodies without reserializing the rest.
// No recursion: a stack with depth and part-count limits, because the input comes from strangers.
import { boundaryOf, contentTypeOf, isAttachment, transferEncodingOf } from './content-type.ts';
import type { ContentType, TransferEncoding } from './content-type.ts';
import { parseHeaderFields } from './header-fields.ts';
import type { HeaderField } from './header-fields.ts';
import { findHeaderEnd } from './split-message.ts';

const LF = 10;
const CR = 13;
const SP = 32;
const HT = 9;
const DASH = 45;

export interface MultipartLayout {
  boundary: string;
  /** Offset of the first delimiter line (`--boundary`). */
  firstDelimiter: number;
  /** Offset of the close delimiter line (`--boundary--`), or null when it is missing. */
  closeDelimiter: number | null;
  /** Byte ranges of the body parts; a range excludes the line break that belongs to the next delimiter. */
  children: Array<{ start: number; end: number }>;
}

export interface MimePart {
  /** Index of the parent in the walk's result; -1 for the message itself. */
  parent: number;
  /** Position in the tree: [] is the message, [1, 0] the first part of its second part. */
  path: readonly number[];
  depth: number;
  /** Offsets in the walked buffer: the part's header block is [start, headerEnd), its body [bodyStart, end). */
  start: number;
  headerEnd: number;
  bodyStart: number;
  end: number;
  headers: HeaderField[];
  contentType: ContentType;
  transferEncoding: TransferEncoding;
  /** Where a multipart's delimiters are; null for other parts and for multiparts without a usable boundary. */
  multipart: MultipartLayout | null;
}

export interface WalkOptions {
  maxDepth?: number;
  maxParts?: number;
}

/** Index of the line break just before a delimiter line: that break belongs to the delimiter (RFC 2046 §5.1.1). */
function beforeBreak(buf: Buffer, lineStart: number, floor: number): number {
  let e = lineStart;
  if (e > floor && buf[e - 1] === LF) e--;
  if (e > floor && buf[e - 1] === CR) e--;
  return e;
}

/** Finds the delimiter lines of a multipart body in [bodyStart, end); null when there is none. */
export function scanMultipart(buf: Buffer, bodyStart: number, end: number, boundary: string): MultipartLayout | null {
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  const delims: Array<{ at: number; after: number; close: boolean }> = [];
  let from = bodyStart;
  while (from < end) {
    const at = buf.indexOf(dash, from);
    if (at < 0 || at + dash.length > end) break;
    from = at + dash.length;
    if (at !== bodyStart && buf[at - 1] !== LF) continue;
    let p = at + dash.length;
    const close = p + 1 < end && buf[p] === DASH && buf[p + 1] === DASH;
    if (close) p += 2;
    while (p < end && (buf[p] === SP || buf[p] === HT)) p++;
    let after = -1;
    if (p >= end) after = end;
    else if (buf[p] === LF) after = p + 1;
    else if (buf[p] === CR && p + 1 < end && buf[p + 1] === LF) after = p + 2;
    else if (close) {
      const nl = buf.indexOf(LF, p);
      after = nl < 0 || nl >= end ? end : nl + 1;
    }
    if (after < 0) continue;
    delims.push({ at, after, close });
    if (close) break;
  }
  const first = delims[0];
  if (!first) return null;
  const last = delims[delims.length - 1];
  const children: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < delims.length; i++) {
    const d = delims[i];
    if (!d || d.close) break;
    const next = delims[i + 1];
    const stop = next ? beforeBreak(buf, next.at, d.after) : end;
    children.push({ start: d.after, end: Math.max(d.after, stop) });
  }
  return { boundary, firstDelimiter: first.at, closeDelimiter: last?.close ? last.at : null, children };
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  path: readonly number[];
  parent: number;
  fallback: string;
}

/** Every part of the message in document order (pre-order), the message itself first. */
export function walkMime(raw: Buffer, opts: WalkOptions = {}): MimePart[] {
  const maxDepth = opts.maxDepth ?? 32;
  const maxParts = opts.maxParts ?? 1000;
  const parts: MimePart[] = [];
  const stack: Pending[] = [{ start: 0, end: raw.length, depth: 0, path: [], parent: -1, fallback: 'text/plain' }];
  while (stack.length > 0 && parts.length < maxParts) {
    const p = stack.pop();
    if (!p) break;
    const { headerEnd, bodyStart } = findHeaderEnd(raw, p.start, p.end);
    const headers = parseHeaderFields(raw.subarray(p.start, headerEnd));
    const contentType = contentTypeOf(headers, p.fallback);
    const transferEncoding = transferEncodingOf(headers);
    const index = parts.length;
    const deeper = p.depth < maxDepth;
    const boundary = contentType.type === 'multipart' ? boundaryOf(contentType) : null;
    const multipart = boundary ? scanMultipart(raw, bodyStart, p.end, boundary) : null;
    parts.push({ parent: p.parent, path: p.path, depth: p.depth, start: p.start, headerEnd, bodyStart, end: p.end, headers, contentType, transferEncoding, multipart });
    if (!deeper) continue;
    if (multipart) {
      const fallback = contentType.subtype === 'digest' ? 'message/rfc822' : 'text/plain';
      for (let i = multipart.children.length - 1; i >= 0; i--) {
        const c = multipart.children[i];
        if (c) stack.push({ start: c.start, end: c.end, depth: p.depth + 1, path: [...p.path, i], parent: index, fallback });
      }
    } else if (
      contentType.type === 'message' &&
      (contentType.subtype === 'rfc822' || contentType.subtype === 'global') &&
      (transferEncoding === '7bit' || transferEncoding === '8bit' || transferEncoding === 'binary')
    ) {
      stack.push({ start: bodyStart, end: p.end, depth: p.depth + 1, path: [...p.path, 0], parent: index, fallback: 'text/plain' });
    }
  }
  return parts;
}

/** The first part that is readable text of the given subtype (not an attachment), or undefined. */
export function firstTextPart(parts: readonly MimePart[], subtype = 'plain'): MimePart | undefined {
  return parts.find((p) => p.contentType.valid && p.contentType.type === 'text' && p.contentType.subtype === subtype && !isAttachment(p.headers));
}
