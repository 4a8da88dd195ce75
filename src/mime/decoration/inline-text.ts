// Decoration inside a single text/plain body: the header text goes first and the footer last, in the
// part's own charset and transfer encoding. The body is encoded once here; per recipient only the two
// short texts are encoded (quoted-printable and base64 split at points where encodings concatenate).
import { isUtf8 } from 'node:buffer';
import { encodeText, isAscii, isAsciiCharset, isAsciiCompatible, isUtf8Charset } from '../charset.ts';
import { charsetOf, isAttachment, parseContentType, transferEncodingOf } from '../content-type.ts';
import type { ContentType, TransferEncoding } from '../content-type.ts';
import { fieldValue, getField, makeField, replaceField } from '../header-fields.ts';
import type { HeaderField } from '../header-fields.ts';
import type { LineEnding, MessageSplit } from '../split-message.ts';
import { decodeTransfer, encodeBase64, encodeQuotedPrintable } from '../transfer-encoding.ts';
import { textWriter } from './text-writer.ts';
import type { CompiledDecoration, DecorationRequest } from './types.ts';

const LF = 10;
const EMPTY = Buffer.alloc(0);

/** The charset the texts will be written in, or null when they cannot join this body. */
function chooseCharset(declared: string | null, decoded: Buffer, sample: string): string | null {
  const charset = declared ?? 'us-ascii';
  if (isAsciiCharset(charset)) {
    if (isAscii(sample)) return charset;
    // A us-ascii label on a body that is ASCII (or really UTF-8) can be relabelled UTF-8.
    return isUtf8(decoded) ? 'utf-8' : null;
  }
  if (isUtf8Charset(charset)) return charset;
  if (encodeText(sample, charset)) return isAsciiCompatible(charset) ? charset : null;
  // An unknown label: ASCII texts are safe to add to any ASCII-compatible body, which is what nearly
  // every such label means in practice (unknown-8bit, x-user-defined).
  return isAscii(sample) && !/^(?:utf-?(?:16|32)|ucs-?[24]|utf-?7)/i.test(charset) ? charset : null;
}

function lineEndingOf(text: Buffer, fallback: LineEnding): LineEnding {
  const lf = text.indexOf(LF);
  if (lf < 0) return fallback;
  return lf > 0 && text[lf - 1] === 13 ? '\r\n' : '\n';
}

function contentTypeField(ct: ContentType, charset: string, eol: LineEnding): HeaderField {
  const params = { ...ct.params, charset };
  const tokens = [`${ct.mediaType};`];
  const entries = Object.entries(params);
  entries.forEach(([k, v], i) => {
    const quoted = /^[A-Za-z0-9!#$%&'*+.^_`{|}~-]+$/.test(v) ? v : `"${v.replace(/[\\"]/g, '\\$&')}"`;
    tokens.push(`${k}=${quoted}${i < entries.length - 1 ? ';' : ''}`);
  });
  return makeField('Content-Type', tokens, eol);
}

/** Compiles inline decoration for a text/plain message, or returns null when the texts must go in their own part. */
export function compileInline(split: MessageSplit, headers: HeaderField[], request: DecorationRequest): CompiledDecoration | null {
  const te: TransferEncoding = transferEncodingOf(headers);
  if (te === 'other' || isAttachment(headers)) return null;
  const ctField = getField(headers, 'content-type');
  const ct = parseContentType(ctField ? fieldValue(ctField) : null);
  const declared = charsetOf(ct);
  const decoded = decodeTransfer(split.body, te);
  const charset = chooseCharset(declared, decoded, request.sample);
  if (charset === null) return null;
  const eol = split.eol;
  const textEol = lineEndingOf(decoded, eol);
  const write = textWriter(charset, textEol);
  const needsBreak = decoded.length > 0 && decoded[decoded.length - 1] !== LF;
  const text = needsBreak ? Buffer.concat([decoded, Buffer.from(textEol, 'latin1')]) : decoded;

  // 8-bit texts cannot go into a 7bit part as they are: the whole part becomes quoted-printable.
  const sampleBytes = encodeText(request.sample, charset) ?? Buffer.from(request.sample, 'utf8');
  const out: TransferEncoding = te === '7bit' && !isAscii(sampleBytes.toString('latin1')) ? 'quoted-printable' : te;

  let outHeaders = headers;
  if (charset !== declared && !(declared === null && isAsciiCharset(charset))) outHeaders = replaceField(outHeaders, contentTypeField(ct, charset, eol));
  if (out !== te) outHeaders = replaceField(outHeaders, makeField('Content-Transfer-Encoding', out, eol));
  const separator = split.separator.length > 0 ? split.separator : Buffer.from(eol, 'latin1');
  const base = { strategy: 'inline' as const, headers: outHeaders, eol, separator };

  if (out === 'quoted-printable') {
    // The received encoding is reused when it ends on a hard line break; otherwise the text is re-encoded.
    const raw = split.body;
    const endsHard = te === 'quoted-printable' && raw.length > 0 && raw[raw.length - 1] === LF && !/=\r?\n$/.test(raw.toString('latin1', Math.max(0, raw.length - 3)));
    const body = endsHard ? raw : encodeQuotedPrintable(text, eol);
    const qp = (s: string): Buffer => (s === '' ? EMPTY : encodeQuotedPrintable(write(s), eol));
    return { ...base, renderBody: (h, f) => [qp(h), body, qp(f)] };
  }
  if (out === 'base64') return { ...base, renderBody: base64Renderer(text, write, eol) };
  return { ...base, renderBody: (h, f) => [write(h), text, write(f)] };
}

/**
 * Base64 of header + body + footer without encoding the body per recipient: the body is encoded once
 * for each of the three alignments a header's length can leave, so every piece starts on a 3-byte
 * boundary and the pieces' encodings simply follow each other (lines may be shorter than 76).
 */
function base64Renderer(text: Buffer, write: (s: string) => Buffer, eol: LineEnding): (h: string, f: string) => Buffer[] {
  if (text.length < 3) return (h, f) => [encodeBase64(Buffer.concat([write(h), text, write(f)]), eol)];
  const variants = [0, 1, 2].map((k) => {
    const m = Math.floor((text.length - k) / 3) * 3;
    return { k, mid: encodeBase64(text.subarray(k, k + m), eol), tail: text.subarray(k + m) };
  });
  return (h, f) => {
    const hb = write(h);
    const v = variants[(3 - (hb.length % 3)) % 3] ?? variants[0];
    if (!v) return [];
    const head = hb.length === 0 ? EMPTY : encodeBase64(Buffer.concat([hb, text.subarray(0, v.k)]), eol);
    return [head, v.mid, encodeBase64(Buffer.concat([v.tail, write(f)]), eol)];
  };
}
