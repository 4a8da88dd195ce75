// Decoration as parts of their own, for bodies that must not be edited (RFC 2046 §5.1.3): a
// multipart/mixed gains a first and a last text/plain part; anything else (alternative, signed, HTML,
// a message, a text in a charset the texts do not fit) is wrapped in a new multipart/mixed whose first
// part is the original content, untouched.
import { createHash } from 'node:crypto';
import { isAscii } from '../charset.ts';
import { hasField, makeField } from '../header-fields.ts';
import type { HeaderField } from '../header-fields.ts';
import type { MultipartLayout } from '../mime-walk.ts';
import type { LineEnding, MessageSplit } from '../split-message.ts';
import { encodeQuotedPrintable } from '../transfer-encoding.ts';
import { textWriter } from './text-writer.ts';
import type { CompiledDecoration, DecorationRequest } from './types.ts';

const EMPTY = Buffer.alloc(0);

/** Writes a text as a whole `--boundary` + text/plain part + line break, ready to sit before a delimiter. */
function partWriter(boundary: string, eol: LineEnding): (text: string) => Buffer {
  const lines = (...l: string[]): string => l.join(eol) + eol;
  const open = `--${boundary}${eol}`;
  const ascii = Buffer.from(open + lines('Content-Type: text/plain; charset="us-ascii"', 'Content-Transfer-Encoding: 7bit', 'Content-Disposition: inline', ''), 'latin1');
  const utf8 = Buffer.from(open + lines('Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable', 'Content-Disposition: inline', ''), 'latin1');
  const write = textWriter('utf-8', eol);
  const eolBuf = Buffer.from(eol, 'latin1');
  return (text) => {
    if (text === '') return EMPTY;
    const body = write(text);
    if (isAscii(text)) return Buffer.concat([ascii, body, eolBuf]);
    return Buffer.concat([utf8, encodeQuotedPrintable(body, eol), eolBuf]);
  };
}

/** Adds parts to a multipart/mixed whose delimiters were found: the header before the first part, the footer after the last. */
export function compileAppendParts(raw: Buffer, bodyStart: number, split: MessageSplit, headers: HeaderField[], layout: MultipartLayout): CompiledDecoration {
  const eol = split.eol;
  const part = partWriter(layout.boundary, eol);
  const before = raw.subarray(bodyStart, layout.firstDelimiter);
  let middle: Buffer;
  let after: Buffer;
  if (layout.closeDelimiter !== null) {
    middle = raw.subarray(layout.firstDelimiter, layout.closeDelimiter);
    after = raw.subarray(layout.closeDelimiter);
  } else {
    // No close delimiter: the added line break is the one that belongs to our delimiter, so the last
    // part keeps its content; then the multipart is closed properly.
    middle = Buffer.concat([raw.subarray(layout.firstDelimiter), Buffer.from(eol, 'latin1')]);
    after = Buffer.from(`--${layout.boundary}--${eol}`, 'latin1');
  }
  return {
    strategy: 'append-parts',
    headers,
    eol,
    separator: split.separator,
    renderBody: (h, f) => [before, part(h), middle, part(f), after],
  };
}

/** A boundary that does not occur in the body: derived from the body's hash, so output is reproducible. */
function newBoundary(body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('base64url');
  for (let n = 16; n <= hash.length; n += 4) {
    const candidate = `=_caucus_${hash.slice(0, n)}`;
    if (!body.includes(candidate)) return candidate;
  }
  return `=_caucus_${hash}_${body.length}`;
}

/** Wraps the whole content as the first part of a new multipart/mixed, with header and footer parts around it. */
export function compileWrap(split: MessageSplit, headers: HeaderField[], request: DecorationRequest): CompiledDecoration {
  const eol = split.eol;
  const boundary = newBoundary(split.body);
  const isContent = (f: HeaderField): boolean => f.key.startsWith('content-');
  const inner = Buffer.concat([...headers.filter(isContent).map((f) => f.raw), Buffer.from(eol, 'latin1')]);
  const ctField = makeField('Content-Type', ['multipart/mixed;', `boundary="${boundary}"`], eol);
  const top: HeaderField[] = [];
  let placed = false;
  for (const f of headers) {
    if (!isContent(f)) top.push(f);
    else if (f.key === 'content-type' && !placed) {
      top.push(ctField);
      placed = true;
    }
  }
  if (!placed) top.push(ctField);
  if (!hasField(top, 'mime-version')) top.push(makeField('MIME-Version', '1.0', eol));
  const part = partWriter(boundary, eol);
  // The line break after the original body belongs to the next delimiter (RFC 2046 §5.1.1), so the
  // original content is carried byte for byte.
  const original = Buffer.concat([Buffer.from(`--${boundary}${eol}`, 'latin1'), inner, split.body, Buffer.from(eol, 'latin1')]);
  const close = Buffer.from(`--${boundary}--${eol}`, 'latin1');
  return {
    strategy: 'wrap',
    headers: top,
    eol,
    separator: split.separator.length > 0 ? split.separator : Buffer.from(eol, 'latin1'),
    renderBody: (h, f) => (request.header && h !== '' ? [part(h), original, part(f), close] : [original, part(f), close]),
  };
}

