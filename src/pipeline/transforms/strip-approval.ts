// Removes the moderator password from a post before anyone else sees it: the Approved:/Approve:
// headers, and an `Approved: password` first body line of the first text/plain part (with the copy of
// it that an HTML alternative carries), as Mailman's approval rule does.
import { decodeTransfer, encodeTransfer, firstTextPart, removeFields, walkMime } from '../../mime/index.ts';
import type { MimePart } from '../../mime/index.ts';
import { draftToBuffer, replacePartBody } from './draft.ts';
import type { MessageDraft, Transform } from './types.ts';

const APPROVAL_HEADERS = ['approved', 'approve', 'x-approved', 'x-approve'];
const LINE_RE = /^[ \t]*(?:x-)?approved?[ \t]*:[ \t]*(.*?)[ \t]*$/i;
const LF = 10;

const decodedBody = (raw: Buffer, p: MimePart): Buffer => decodeTransfer(raw.subarray(p.bodyStart, p.end), p.transferEncoding);

/** Removes the password line (and one blank line after it) when it is the first non-blank line. */
function withoutPasswordLine(text: Buffer): { text: Buffer; password: string } | null {
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf(LF, pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.toString('latin1', pos, end).replace(/\r?\n$/, '');
    if (line.trim() !== '') {
      const m = LINE_RE.exec(line);
      if (!m) return null;
      let cut = end;
      const nl2 = text.indexOf(LF, cut);
      if (nl2 >= 0 && text.toString('latin1', cut, nl2 + 1).trim() === '') cut = nl2 + 1;
      return { text: Buffer.concat([text.subarray(0, pos), text.subarray(cut)]), password: m[1] ?? '' };
    }
    pos = end;
  }
  return null;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function stripFromHtml(msg: MessageDraft, password: string): MessageDraft {
  if (password === '') return msg;
  const pattern = new RegExp(`(?:x-)?approved?:(?:\\s|&nbsp;|&#160;|<[^>]{0,200}>)*${escapeRegExp(password)}`, 'i');
  const raw = draftToBuffer(msg);
  const html = walkMime(raw).filter((p) => p.contentType.mediaType === 'text/html' && p.transferEncoding !== 'other');
  let out = msg;
  // Last part first, so the offsets of the parts before it stay valid.
  for (const part of html.reverse()) {
    const text = decodedBody(raw, part).toString('latin1');
    if (!pattern.test(text)) continue;
    const cleaned = Buffer.from(text.replace(pattern, ''), 'latin1');
    out = replacePartBody(out, part, encodeTransfer(cleaned, part.transferEncoding, msg.eol));
  }
  return out;
}

export const stripApproval: Transform = (msg, ctx) => {
  const out: MessageDraft = { ...msg, headers: removeFields(msg.headers, APPROVAL_HEADERS) };
  // Without a list password, a first line such as "Approve: the budget" is just text.
  if (ctx.approvedVia !== 'body-line' && ctx.list.settings.moderatorPassword === '') return out;
  const raw = draftToBuffer(out);
  const plain = firstTextPart(walkMime(raw), 'plain');
  if (!plain || plain.transferEncoding === 'other') return out;
  const stripped = withoutPasswordLine(decodedBody(raw, plain));
  if (!stripped) return out;
  const edited = replacePartBody(out, plain, encodeTransfer(stripped.text, plain.transferEncoding, msg.eol));
  return stripFromHtml(edited, stripped.password);
};
