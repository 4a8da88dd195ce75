// Puts a header and a footer text into a message without breaking its MIME structure, choosing how
// once (inline in a text/plain body, extra parts in a multipart/mixed, or a multipart/mixed wrapper)
// and returning a renderer that only encodes the two texts per call.
import { boundaryOf, contentTypeOf } from '../content-type.ts';
import { parseHeaderFields } from '../header-fields.ts';
import { scanMultipart } from '../mime-walk.ts';
import { splitMessage } from '../split-message.ts';
import { compileAppendParts, compileWrap } from './extra-parts.ts';
import { compileInline } from './inline-text.ts';
import type { CompiledDecoration, DecorationRequest } from './types.ts';

export type { CompiledDecoration, DecorationRequest, DecorationStrategy } from './types.ts';

export function compileDecoration(message: Buffer, request: DecorationRequest): CompiledDecoration {
  const split = splitMessage(message);
  const headers = parseHeaderFields(split.header);
  if (!request.header && !request.footer) {
    return { strategy: 'none', headers, eol: split.eol, separator: split.separator, renderBody: () => [split.body] };
  }
  const ct = contentTypeOf(headers);
  // A Content-Type that cannot be read may be anything (RFC 2045 §5.2 would guess text/plain): it is
  // wrapped, never written into.
  if (ct.mediaType === 'text/plain' && ct.valid) {
    const inline = compileInline(split, headers, request);
    if (inline) return inline;
  }
  if (ct.mediaType === 'multipart/mixed') {
    const boundary = boundaryOf(ct);
    const bodyStart = split.header.length + split.separator.length;
    const layout = boundary ? scanMultipart(message, bodyStart, message.length, boundary) : null;
    if (layout) return compileAppendParts(message, bodyStart, split, headers, layout);
  }
  return compileWrap(split, headers, request);
}
