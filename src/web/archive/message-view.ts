// Opens one archived message for display in a single walk of its MIME tree: the text parts are
// decoded (an HTML-only message becomes text, so nothing from it runs or loads in our origin) and
// the other parts are listed as attachments without decoding them until one is downloaded.
import libmime from 'libmime';
import { convert } from 'html-to-text';
import {
  charsetOf, decodeEncodedWords, decodeText, decodeTransfer, fieldValue, getField, isAttachment, walkMime,
  type MimePart,
} from '../../mime/index.ts';

export interface ViewAttachment { name: string; type: string; size: number }
export interface MessageView { text: string; fromHtml: boolean; attachments: ViewAttachment[] }

// A hostile message may nest or split itself without end; a page shows at most this much of it.
const WALK_LIMITS = { maxDepth: 16, maxParts: 300 };
const MAX_TEXT = 2_000_000;

const HTML_OPTIONS = { wordwrap: false as const, selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { hideLinkHrefIfSameAsText: true } }] };

/** RFC 3676 §4.2: joins soft-broken lines of format=flowed text, undoing space-stuffing. */
export function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let open: { depth: number; text: string } | null = null;
  for (const line of text.split('\n')) {
    const m = /^>*/.exec(line);
    const depth = m ? m[0].length : 0;
    let body = line.slice(depth);
    if (body.startsWith(' ')) body = body.slice(1);
    const soft = body.endsWith(' ') && body !== '-- ';
    if (open && open.depth === depth) open.text += body;
    else {
      if (open) out.push(`${'>'.repeat(open.depth)}${open.depth ? ' ' : ''}${open.text}`);
      open = { depth, text: body };
    }
    if (soft) {
      if (delSp) open.text = open.text.slice(0, -1);
    } else {
      out.push(`${'>'.repeat(open.depth)}${open.depth && open.text ? ' ' : ''}${open.text}`);
      open = null;
    }
  }
  if (open) out.push(`${'>'.repeat(open.depth)}${open.depth ? ' ' : ''}${open.text}`);
  return out.join('\n');
}

/**
 * A part's body decoded. Base64 without padding inside (the usual case) goes straight to Node's
 * decoder, which skips line breaks and stray characters as the MIME toolkit's decoder does; a body
 * glued from pieces (padding inside) takes the toolkit's careful path.
 */
function decodeBody(raw: Buffer, p: MimePart): Buffer {
  const body = raw.subarray(p.bodyStart, p.end);
  if (p.transferEncoding === 'base64') {
    const pad = body.indexOf(0x3d);
    if (pad < 0 || /^[=\s]*$/.test(body.toString('latin1', pad))) return Buffer.from(body.toString('latin1'), 'base64');
  }
  return decodeTransfer(body, p.transferEncoding);
}

function partText(raw: Buffer, p: MimePart): string {
  const bytes = decodeBody(raw, p);
  const text = decodeText(bytes.length > MAX_TEXT ? bytes.subarray(0, MAX_TEXT) : bytes, charsetOf(p.contentType)).replace(/\r\n?/g, '\n');
  if (p.contentType.subtype !== 'plain' || !/^flowed$/i.test(p.contentType.params.format ?? '')) return text;
  return unflow(text, /^yes$/i.test(p.contentType.params.delsp ?? ''));
}

function dispositionName(p: MimePart): string {
  const f = getField(p.headers, 'content-disposition');
  if (!f) return '';
  try {
    const v = libmime.parseHeaderValue(fieldValue(f));
    return String(v.params.filename ?? '');
  } catch {
    return '';
  }
}

function attachmentName(p: MimePart, i: number): string {
  const name = dispositionName(p) || p.contentType.params.name || '';
  const shown = decodeEncodedWords(name).replace(/[\u0000-\u001f]/g, '').trim();
  return shown || (p.contentType.mediaType === 'message/rfc822' ? `message-${i + 1}.eml` : `attachment-${i + 1}`);
}

/** Decoded size of a part's body, without decoding it (base64 carries 3 bytes per 4 characters). */
function bodySize(raw: Buffer, p: MimePart): number {
  const n = p.end - p.bodyStart;
  if (p.transferEncoding !== 'base64') return n;
  let chars = 0;
  for (let i = p.bodyStart; i < p.end; i++) {
    const c = raw[i]!;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43) chars++;
  }
  return Math.floor((chars * 3) / 4);
}

interface Walked { parts: MimePart[]; texts: Array<{ selector: number; part: number; html: boolean }>; files: number[] }

/**
 * Sorts the leaves of the tree as postal-mime does: inline text/plain and text/html parts are text
 * (one representation per multipart/alternative), the rest are attachments; a message/rfc822
 * part is read inline unless it is marked as an attachment.
 */
function sortParts(raw: Buffer): Walked {
  const parts = walkMime(raw, WALK_LIMITS);
  // A delivery or feedback report carries the offending message as evidence, not as content.
  const report = parts.some((p) => p.contentType.mediaType === 'message/delivery-status' || p.contentType.mediaType === 'message/feedback-report');
  const texts: Walked['texts'] = [];
  const files: number[] = [];
  // For each part: the closest enclosing multipart/alternative (its index), or -1; -2 when the
  // part sits inside a message attached as a file, whose insides are not shown.
  const scope: number[] = [];
  parts.forEach((p, i) => {
    const up = p.parent < 0 ? -1 : scope[p.parent]!;
    const parentPart = p.parent < 0 ? null : parts[p.parent]!;
    const inFile = up === -2 || (parentPart !== null && parentPart.contentType.type === 'message' && (report || isAttachment(parentPart.headers)));
    const ct = p.contentType;
    scope[i] = inFile ? -2 : ct.mediaType === 'multipart/alternative' ? i : up;
    if (inFile || p.multipart) return;
    if (ct.type === 'multipart') return;
    const attached = isAttachment(p.headers);
    const walkedInto = parts[i + 1]?.parent === i;
    if (ct.type === 'message' && walkedInto && !attached && !report) return;
    if (!attached && ct.type === 'text' && (ct.subtype === 'plain' || ct.subtype === 'html')) {
      texts.push({ selector: up >= 0 ? up : i, part: i, html: ct.subtype === 'html' });
      return;
    }
    if (p.end > p.bodyStart || attached) files.push(i);
  });
  return { parts, texts, files };
}

export function viewMessage(raw: Buffer): MessageView {
  const { parts, texts, files } = sortParts(raw);
  const chunks: string[] = [];
  let plainSeen = false;
  let htmlUsed = false;
  const selectors = [...new Set(texts.map((t) => t.selector))];
  for (const s of selectors) {
    const own = texts.filter((t) => t.selector === s);
    const plain = own.filter((t) => !t.html);
    if (plain.length) {
      plainSeen = true;
      for (const t of plain) chunks.push(partText(raw, parts[t.part]!));
    } else {
      htmlUsed = true;
      for (const t of own) chunks.push(convert(partText(raw, parts[t.part]!), HTML_OPTIONS));
    }
  }
  const attachments = files.map((i, n) => {
    const p = parts[i]!;
    return { name: attachmentName(p, n), type: p.contentType.mediaType, size: bodySize(raw, p) };
  });
  return { text: chunks.join('\n'), fromHtml: htmlUsed && !plainSeen, attachments };
}

/** The decoded bytes of attachment `n` as listed by viewMessage, or null. */
export function attachmentContent(raw: Buffer, n: number): { name: string; content: Buffer } | null {
  const { parts, files } = sortParts(raw);
  const i = files[n];
  if (i === undefined) return null;
  const p = parts[i]!;
  return { name: attachmentName(p, n), content: decodeBody(raw, p) };
}
