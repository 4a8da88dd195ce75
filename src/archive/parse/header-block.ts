// Splits a message into its header block and body (RFC 5322 §2.1) and reads the header fields
// asked for, unfolded (§2.2.3). Works on latin1 strings so no byte is lost; callers decode the
// few values they show (encoded-words.ts).

export interface HeaderBlock {
  /** Field values by lower-case name, in order of appearance, unfolded, not decoded. */
  fields: Map<string, string[]>;
  /** Offset where the body starts (after the blank line), or the message length when none. */
  bodyStart: number;
  /** Offset where the header block ends (before the blank line). */
  headerEnd: number;
}

/** Offsets of the end of the header block and the start of the body. */
export function findHeaderEnd(raw: Buffer, from = 0, to = raw.length): { headerEnd: number; bodyStart: number } {
  // A body with no headers at all starts right away.
  if (raw[from] === 0x0a) return { headerEnd: from, bodyStart: from + 1 };
  if (raw[from] === 0x0d && raw[from + 1] === 0x0a) return { headerEnd: from, bodyStart: from + 2 };
  let i = raw.indexOf(0x0a, from);
  while (i >= 0 && i < to) {
    const n = raw[i + 1];
    if (n === 0x0a) return { headerEnd: i + 1, bodyStart: Math.min(i + 2, to) };
    if (n === 0x0d && raw[i + 2] === 0x0a) return { headerEnd: i + 1, bodyStart: Math.min(i + 3, to) };
    i = raw.indexOf(0x0a, i + 1);
  }
  return { headerEnd: to, bodyStart: to };
}

/**
 * Reads the header block of `raw[from, to)`. With `wanted`, only those (lower-case) names are
 * kept, which is most of the speed on long Received/DKIM blocks.
 */
export function readHeaderBlock(raw: Buffer, wanted?: ReadonlySet<string>, from = 0, to = raw.length): HeaderBlock {
  const { headerEnd, bodyStart } = findHeaderEnd(raw, from, to);
  const text = raw.toString('latin1', from, headerEnd);
  const fields = new Map<string, string[]>();
  let name = '';
  let value = '';
  let keep = false;
  const flush = (): void => {
    if (!keep) return;
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  };
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const lineStart = pos;
    pos = eol + 1;
    const c = text.charCodeAt(lineStart);
    if (c === 0x20 || c === 0x09) {
      // RFC 5322 §2.2.3: unfolding removes the line break only.
      if (keep) value += text.slice(lineStart, text.charCodeAt(eol - 1) === 0x0d ? eol - 1 : eol);
      continue;
    }
    flush();
    const colon = text.indexOf(':', lineStart);
    if (colon <= lineStart || colon > eol) { keep = false; continue; }
    const rawName = text.slice(lineStart, colon);
    name = (rawName.length > 40 ? rawName.slice(0, 40) : rawName).trimEnd().toLowerCase();
    keep = wanted === undefined || wanted.has(name);
    if (keep) value = text.slice(colon + 1, text.charCodeAt(eol - 1) === 0x0d ? eol - 1 : eol).trim();
  }
  flush();
  return { fields, bodyStart, headerEnd };
}

/** First value of a field, or null. */
export function firstField(block: HeaderBlock, name: string): string | null {
  return block.fields.get(name)?.[0] ?? null;
}
