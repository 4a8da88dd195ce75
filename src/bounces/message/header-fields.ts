// Header blocks as bounces carry them: the message's own, each MIME part's, each enclosed message's
// and each RFC 3464 field group. Unfolds (RFC 5322 §2.2.3) and decodes encoded words (RFC 2047).
import libmime from 'libmime';

export interface HeaderFields {
  /** The first value of a field, unfolded and decoded; undefined when absent. */
  get(name: string): string | undefined;
  getAll(name: string): string[];
  has(name: string): boolean;
  readonly names: readonly string[];
}

const FIELD_LINE = /^([!-9;-~]+)[ \t]*:/;
const MAX_FIELDS = 500;

/** Reads bytes held one char per byte as UTF-8 when they form valid UTF-8, else as Latin-1. */
export function bytesToText(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  const buf = Buffer.from(latin1, 'latin1');
  const utf8 = buf.toString('utf8');
  return utf8.includes('\ufffd') ? latin1 : utf8;
}

function decodeValue(raw: string): string {
  const text = bytesToText(raw).replace(/\s*\n[ \t]+/g, ' ').trim();
  if (!text.includes('=?')) return text;
  try {
    return libmime.decodeWords(text);
  } catch {
    return text;
  }
}

class FieldList implements HeaderFields {
  private readonly map = new Map<string, string[]>();
  readonly names: string[] = [];
  add(name: string, rawValue: string): void {
    const key = name.toLowerCase();
    const list = this.map.get(key);
    const value = decodeValue(rawValue);
    if (list) list.push(value);
    else {
      this.map.set(key, [value]);
      this.names.push(key);
    }
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.[0];
  }
  getAll(name: string): string[] {
    return this.map.get(name.toLowerCase()) ?? [];
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
}

export const emptyFields: HeaderFields = new FieldList();

/**
 * Parses a header block (LF line ends). Stops at the first line that is neither a field nor a
 * continuation, as a lenient reader must: the rest is body. With `lenient`, such a line continues
 * the previous field instead (RFC 3464 fields whose SMTP reply lines were not indented). Returns
 * the fields and where the body starts in `text`.
 */
export function parseHeaderBlock(
  text: string,
  allowMboxFrom = false,
  lenient = false,
): { fields: HeaderFields; bodyStart: number } {
  const fields = new FieldList();
  let pos = 0;
  let name: string | null = null;
  let value = '';
  let count = 0;
  if (allowMboxFrom && text.startsWith('From ')) {
    const nl = text.indexOf('\n');
    pos = nl < 0 ? text.length : nl + 1;
  }
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (line === '' || line === '\r') {
      pos = nl < 0 ? text.length : nl + 1;
      break;
    }
    if ((line[0] === ' ' || line[0] === '\t') && name !== null) {
      value += '\n' + line;
    } else {
      const m = FIELD_LINE.exec(line);
      if (!m) {
        if (!lenient || name === null) break;
        value += '\n ' + line;
        pos = nl < 0 ? text.length : nl + 1;
        continue;
      }
      if (name !== null && count < MAX_FIELDS) fields.add(name, value);
      count++;
      name = m[1] ?? '';
      value = line.slice(m[0].length);
    }
    pos = nl < 0 ? text.length : nl + 1;
  }
  if (name !== null && count <= MAX_FIELDS) fields.add(name, value);
  return { fields, bodyStart: pos };
}

/** "type/subtype" from the start of a value, tolerating a missing ";" before the parameters. */
function mediaType(value: string): string {
  const m = /^\s*([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)/i.exec(value);
  return m?.[1] ? m[1].toLowerCase() : '';
}

/** A structured field value (Content-Type and the like) with its parameters (RFC 2045, RFC 2231). */
export function parseStructured(value: string | undefined): { value: string; params: Record<string, string> } {
  if (!value) return { value: '', params: {} };
  try {
    const parsed = libmime.parseHeaderValue(value);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.params)) params[k.toLowerCase()] = String(v);
    return { value: mediaType(parsed.value), params };
  } catch {
    return { value: mediaType(value.split(';')[0] ?? ''), params: {} };
  }
}
