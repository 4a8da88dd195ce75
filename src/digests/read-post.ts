// Reads an accepted post into what a digest shows of it: subject (without the list's prefix),
// author, date, Message-ID, its archive link, the text to read (text/plain, or HTML turned into
// text) and the attachments it carried. An iterative MIME walk with limits: posts come from strangers.
import libmime from 'libmime';
import { convert } from 'html-to-text';
import type { MailingList } from '../domain/list.ts';
import type { Site } from '../domain/site.ts';
import { messagePermalink } from '../domain/urls.ts';
import {
  charsetOf, decodeEncodedWords, decodeText, decodeTransfer, fieldValue, getField, getValue, isAttachment, parseAddressList, parseMessageId, walkMime,
} from '../mime/index.ts';
import type { MimePart } from '../mime/index.ts';

export interface DigestAttachment {
  filename: string;
  type: string;
  size: number;
}

export interface DigestItem {
  subject: string;
  /** Display name, or the address when there is none. */
  author: string;
  /** The From field, decoded, for the plain digest's message header. */
  from: string;
  date: string | null;
  messageId: string | null;
  permalink: string | null;
  text: string;
  attachments: DigestAttachment[];
  raw: Buffer;
}

const MAX_TEXT = 200_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the list's subject prefix (`[name]`, `[name 12]`...) a digest reader does not need. */
export function stripPrefix(subject: string, list: MailingList): string {
  const template = list.settings.subjectPrefix.trim();
  if (!template) return subject;
  const pattern = escapeRegExp(template).replace(/\\\{list_name\\\}/g, escapeRegExp(list.name)).replace(/\\\{sequence\\\}/g, '\\d+');
  return subject.replace(new RegExp(`^((?:re|aw|fwd?):\\s*)?${pattern}\\s*`, 'i'), '$1').trim() || subject;
}

function filenameOf(p: MimePart): string {
  const disposition = getField(p.headers, 'content-disposition');
  let name = '';
  if (disposition) {
    try {
      name = String(libmime.parseHeaderValue(fieldValue(disposition)).params.filename ?? '');
    } catch {
      name = '';
    }
  }
  name ||= p.contentType.params.name ?? '';
  return decodeEncodedWords(name).replace(/[\r\n\t]+/g, ' ').trim();
}

function textOf(raw: Buffer, p: MimePart): string {
  const bytes = decodeTransfer(raw.subarray(p.bodyStart, p.end), p.transferEncoding);
  return decodeText(bytes.subarray(0, MAX_TEXT), charsetOf(p.contentType));
}

/** True when an ancestor multipart/alternative also holds a readable text/plain (so HTML is a duplicate). */
function hasPlainAlternative(parts: readonly MimePart[], index: number): boolean {
  let at = parts[index]?.parent ?? -1;
  for (let hops = 0; at >= 0 && hops < 64; hops++) {
    const anc = parts[at]!;
    if (anc.contentType.mediaType === 'multipart/alternative') {
      const prefix = anc.path.join('.');
      if (parts.some((q) => q.contentType.mediaType === 'text/plain' && !isAttachment(q.headers) && q.path.length > anc.path.length && q.path.slice(0, anc.path.length).join('.') === prefix)) return true;
    }
    at = anc.parent;
  }
  return false;
}

export function readPost(raw: Buffer, list: MailingList, site: Site): DigestItem {
  const parts = walkMime(raw, { maxDepth: 16, maxParts: 200 });
  const top = parts[0]!;
  const header = (name: string): string | null => {
    const v = getValue(top.headers, name);
    return v === null ? null : decodeEncodedWords(v).replace(/\s+/g, ' ').trim();
  };
  const from = header('from') ?? '';
  const mailbox = parseAddressList(getValue(top.headers, 'from') ?? '')[0];
  const messageId = parseMessageId(getValue(top.headers, 'message-id'));
  const texts: string[] = [];
  const attachments: DigestAttachment[] = [];
  // Parts inside an attached message belong to that attachment, not to the post's own text.
  const insideMessage = new Set<number>();
  parts.forEach((p, i) => {
    if (p.parent >= 0 && (insideMessage.has(p.parent) || parts[p.parent]?.contentType.type === 'message')) {
      insideMessage.add(i);
      return;
    }
    if (p.contentType.type === 'multipart') return;
    if (i > 0 && p.contentType.type === 'message') {
      attachments.push({ filename: filenameOf(p) || 'forwarded message', type: p.contentType.mediaType, size: p.end - p.bodyStart });
      return;
    }
    const inline = !isAttachment(p.headers);
    if (inline && p.contentType.mediaType === 'text/plain') texts.push(textOf(raw, p));
    else if (inline && p.contentType.mediaType === 'text/html') {
      if (!hasPlainAlternative(parts, i)) texts.push(convert(textOf(raw, p), { wordwrap: 72 }));
    } else {
      const size = decodeTransfer(raw.subarray(p.bodyStart, p.end), p.transferEncoding).length;
      attachments.push({ filename: filenameOf(p), type: p.contentType.mediaType, size });
    }
  });
  return {
    subject: stripPrefix(header('subject') ?? '(no subject)', list),
    author: mailbox?.name || mailbox?.address || from || '(unknown)',
    from,
    date: header('date'),
    messageId,
    permalink: messageId && list.settings.archivePolicy !== 'none' ? messagePermalink(site, list.name, messageId) : null,
    text: texts.map((t) => t.replace(/\r\n?/g, '\n').replace(/\s+$/, '')).join('\n\n'),
    attachments,
    raw,
  };
}
