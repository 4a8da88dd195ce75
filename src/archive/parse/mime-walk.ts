// Finds, without building a tree, what the archive needs from a MIME message (RFC 2045/2046): the
// first inline text/plain part (or text/html when there is none), the attachments' names, and
// whether it is signed. Iterative, with limits on depth and part count; anything it cannot make
// sense of sets `complete: false` so a full parser can take over.
import { readHeaderBlock, firstField } from './header-block.ts';
import { parseMimeValue, type MimeValue } from './mime-params.ts';

export interface TextPartRef {
  start: number;
  end: number;
  charset: string;
  transferEncoding: string;
  html: boolean;
}

export interface MimeSummary {
  text: TextPartRef | null;
  /** One entry per attachment; unnamed ones are "". */
  attachments: string[];
  signed: boolean;
  encrypted: boolean;
  /** False when the structure was broken or beyond the limits. */
  complete: boolean;
}

export interface PartHeaders {
  contentType: string | null;
  transferEncoding: string | null;
  disposition: string | null;
}

const PART_FIELDS: ReadonlySet<string> = new Set(['content-type', 'content-transfer-encoding', 'content-disposition']);
const MAX_DEPTH = 20;
const MAX_PARTS = 500;
const SIGNATURE_TYPES = new Set(['application/pgp-signature', 'application/pkcs7-signature', 'application/x-pkcs7-signature']);

interface Pending {
  start: number;
  end: number;
  headers: PartHeaders;
  depth: number;
  /** RFC 2046 §5.1.5: parts of multipart/digest default to message/rfc822. */
  digest: boolean;
  /** Id of the nearest multipart/alternative around the part, 0 for none. */
  alternative: number;
}

/** Offsets [start, end) of each body part between `--boundary` lines (RFC 2046 §5.1.1). */
export function splitMultipart(raw: Buffer, start: number, end: number, boundary: string): Array<[number, number]> | null {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let i = raw.indexOf(delim, start);
  while (i >= 0 && i < end) {
    const atLineStart = i === start || raw[i - 1] === 0x0a;
    if (atLineStart) {
      const after = i + delim.length;
      const closing = raw[after] === 0x2d && raw[after + 1] === 0x2d;
      // The line break before a delimiter belongs to the delimiter.
      let contentEnd = i;
      if (contentEnd > start && raw[contentEnd - 1] === 0x0a) contentEnd--;
      if (contentEnd > start && raw[contentEnd - 1] === 0x0d) contentEnd--;
      if (partStart >= 0) parts.push([partStart, Math.max(partStart, contentEnd)]);
      if (closing) return parts;
      const eol = raw.indexOf(0x0a, after);
      if (eol < 0 || eol >= end) return parts;
      partStart = eol + 1;
    }
    i = raw.indexOf(delim, i + delim.length);
  }
  if (partStart >= 0) parts.push([partStart, end]);
  return parts.length > 0 ? parts : null;
}

function fileName(ct: MimeValue, cd: MimeValue): string | null {
  return cd.params.get('filename') ?? ct.params.get('name') ?? null;
}

/** Walks the MIME structure of `raw`, whose top-level headers and body offset are given. */
export function summariseMime(raw: Buffer, top: PartHeaders, bodyStart: number): MimeSummary {
  const out: MimeSummary = { text: null, attachments: [], signed: false, encrypted: false, complete: true };
  // The text is the first inline text part in document order, except that inside one
  // multipart/alternative a text/plain part beats the HTML one (RFC 2046 §5.1.4).
  let textGroup = -1;
  let alternatives = 0;
  const stack: Pending[] = [{ start: bodyStart, end: raw.length, headers: top, depth: 0, digest: false, alternative: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const p = stack.pop();
    if (!p) break;
    if (++seen > MAX_PARTS) { out.complete = false; break; }
    const ct = parseMimeValue(p.headers.contentType);
    let type = ct.value || (p.digest ? 'message/rfc822' : 'text/plain');
    if (!type.includes('/')) type = type === 'text' ? 'text/plain' : 'application/octet-stream';
    const cd = parseMimeValue(p.headers.disposition);
    const name = fileName(ct, cd);
    if (type.startsWith('multipart/')) {
      if (type === 'multipart/signed') out.signed = true;
      if (type === 'multipart/encrypted') { out.encrypted = true; continue; }
      const boundary = ct.params.get('boundary');
      const bounds = boundary && p.depth < MAX_DEPTH ? splitMultipart(raw, p.start, p.end, boundary) : null;
      if (!bounds) { out.complete = false; continue; }
      const children: Pending[] = [];
      const alternative = type === 'multipart/alternative' ? ++alternatives : p.alternative;
      for (const [s, e] of bounds) {
        const hb = readHeaderBlock(raw, PART_FIELDS, s, e);
        children.push({
          start: hb.bodyStart,
          end: Math.max(hb.bodyStart, e),
          headers: { contentType: firstField(hb, 'content-type'), transferEncoding: firstField(hb, 'content-transfer-encoding'), disposition: firstField(hb, 'content-disposition') },
          depth: p.depth + 1,
          digest: type === 'multipart/digest',
          alternative,
        });
      }
      for (let k = children.length - 1; k >= 0; k--) {
        const c = children[k];
        if (c) stack.push(c);
      }
      continue;
    }
    if (SIGNATURE_TYPES.has(type)) { out.signed = true; continue; }
    const attached = cd.value === 'attachment' || name !== null;
    const isText = type === 'text/plain' || type === 'text/html';
    if (isText && !attached) {
      const html = type === 'text/html';
      const better = out.text === null || (out.text.html && !html && p.alternative !== 0 && p.alternative === textGroup);
      // An empty part (a list footer slot, an empty alternative) is no text.
      if (better && p.end - p.start > 2) {
        out.text = { start: p.start, end: p.end, charset: ct.params.get('charset') ?? '', transferEncoding: (p.headers.transferEncoding ?? '').trim().toLowerCase(), html };
        textGroup = p.alternative;
      }
      continue;
    }
    if (type === 'application/ms-tnef' || type === 'application/vnd.ms-tnef') out.complete = false;
    // Other nameless inline text parts (text/x-patch, text/enriched...) are content, not attachments.
    if (type.startsWith('text/') && !attached) continue;
    out.attachments.push(name ?? '');
  }
  return out;
}
