// Moving between raw bytes and a MessageDraft, and the body edit the transforms share: replacing one
// MIME part's body in place while every other byte stays as it was.
import { parseHeaderFields, serializeHeaders, splitMessage } from '../../mime/index.ts';
import type { MimePart } from '../../mime/index.ts';
import type { MessageDraft } from './types.ts';

export function draftFromRaw(raw: Buffer): MessageDraft {
  const split = splitMessage(raw);
  return { headers: parseHeaderFields(split.header), separator: split.separator, body: split.body, eol: split.eol, source: raw };
}

export function draftToBuffer(msg: MessageDraft): Buffer {
  const separator = msg.separator.length > 0 || msg.body.length === 0 ? msg.separator : Buffer.from(msg.eol, 'latin1');
  return Buffer.concat([serializeHeaders(msg.headers), separator, msg.body]);
}

/** Offset of the body in `draftToBuffer(msg)`: parts found by walking that buffer are shifted by it. */
export function bodyOffset(msg: MessageDraft): number {
  const separator = msg.separator.length > 0 || msg.body.length === 0 ? msg.separator.length : msg.eol.length;
  return msg.headers.reduce((n, f) => n + f.raw.length, 0) + separator;
}

/** Replaces the body of `part` (found by walking `draftToBuffer(msg)`) with `body`. */
export function replacePartBody(msg: MessageDraft, part: MimePart, body: Buffer): MessageDraft {
  const offset = bodyOffset(msg);
  if (part.bodyStart < offset) return { ...msg, body };
  const start = part.bodyStart - offset;
  const end = part.end - offset;
  return { ...msg, body: Buffer.concat([msg.body.subarray(0, start), body, msg.body.subarray(end)]) };
}
