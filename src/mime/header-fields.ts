// Header fields kept as their raw folded bytes, so that editing one field never disturbs the bytes of
// another (DKIM signatures over untouched fields stay valid). Lists are immutable: edits return new arrays.
import { isUtf8 } from 'node:buffer';
import type { LineEnding } from './split-message.ts';

export interface HeaderField {
  /** Name as written, without trailing whitespace. */
  readonly name: string;
  /** Lower-cased name, for comparisons. */
  readonly key: string;
  /** The whole field as received: name, colon, value, folds and the final line ending. */
  readonly raw: Buffer;
}

const LF = 10;

function fieldFrom(raw: Buffer): HeaderField {
  const colon = raw.indexOf(58);
  const nl = raw.indexOf(LF);
  const name = colon >= 0 && (nl < 0 || colon < nl) ? raw.toString('latin1', 0, colon).trimEnd() : '';
  return { name, key: name.toLowerCase(), raw };
}

/** Splits a header block into fields; a continuation line (leading WSP) belongs to the field above it. */
export function parseHeaderFields(block: Buffer): HeaderField[] {
  const fields: HeaderField[] = [];
  let start = 0;
  let pos = 0;
  while (pos < block.length) {
    const nl = block.indexOf(LF, pos);
    const next = nl < 0 ? block.length : nl + 1;
    const c = block[next];
    if (next >= block.length || (c !== 32 && c !== 9)) {
      fields.push(fieldFrom(block.subarray(start, next)));
      start = next;
    }
    pos = next;
  }
  return fields;
}

export function serializeHeaders(fields: readonly HeaderField[]): Buffer {
  return Buffer.concat(fields.map((f) => f.raw));
}

/** Decodes header bytes: UTF-8 when valid (RFC 6532), otherwise Latin-1 so that no byte is lost. */
export function headerBytesToString(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

/** The field body unfolded (RFC 5322 §2.2.3: a line break followed by WSP is removed) and trimmed. */
export function fieldValue(field: HeaderField): string {
  const colon = field.raw.indexOf(58);
  const text = headerBytesToString(field.raw.subarray(colon + 1));
  return text.replace(/\r?\n(?=[ \t])/g, '').replace(/\r?\n$/, '').trim();
}

export function getFields(fields: readonly HeaderField[], name: string): HeaderField[] {
  const key = name.toLowerCase();
  return fields.filter((f) => f.key === key);
}

export function getField(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  const key = name.toLowerCase();
  return fields.find((f) => f.key === key);
}

/** Unfolded value of the first field with that name, or null. */
export function getValue(fields: readonly HeaderField[], name: string): string | null {
  const f = getField(fields, name);
  return f ? fieldValue(f) : null;
}

export function hasField(fields: readonly HeaderField[], name: string): boolean {
  return getField(fields, name) !== undefined;
}

/** Removes every field whose name is one of `names`, or for which the predicate holds. */
export function removeFields(
  fields: readonly HeaderField[],
  names: readonly string[] | ((f: HeaderField) => boolean),
): HeaderField[] {
  if (typeof names === 'function') return fields.filter((f) => !names(f));
  const keys = new Set(names.map((n) => n.toLowerCase()));
  return fields.filter((f) => !keys.has(f.key));
}

export function appendFields(fields: readonly HeaderField[], ...added: HeaderField[]): HeaderField[] {
  return [...fields, ...added];
}

/** Puts `field` where the first field of the same name was (removing all others of that name), or at the end. */
export function replaceField(fields: readonly HeaderField[], field: HeaderField): HeaderField[] {
  const first = fields.findIndex((f) => f.key === field.key);
  if (first < 0) return [...fields, field];
  const out: HeaderField[] = [];
  fields.forEach((f, i) => {
    if (i === first) out.push(field);
    else if (f.key !== field.key) out.push(f);
  });
  return out;
}

/**
 * Builds a field from a value that is already ASCII and encoded, folding at whitespace so lines stay
 * within 78 characters where a break is possible (RFC 5322 §2.1.1). A token longer than a line is
 * left whole rather than broken.
 */
export function makeField(name: string, value: string | readonly string[], eol: LineEnding, limit = 78): HeaderField {
  const tokens = typeof value === 'string' ? value.split(/[ \t]+/).filter((t) => t !== '') : value;
  const lines: string[] = [];
  let line = `${name}:`;
  let onLine = 0;
  for (const token of tokens) {
    if (onLine > 0 && line.length + 1 + token.length > limit) {
      lines.push(line);
      line = ` ${token}`;
    } else {
      line += ` ${token}`;
    }
    onLine++;
  }
  lines.push(line);
  return { name, key: name.toLowerCase(), raw: Buffer.from(lines.join(eol) + eol, 'utf8') };
}
