// DKIM's "relaxed" canonicalization (RFC 6376 §3.4.2 for header fields, §3.4.4 for the body), which
// ARC uses too (RFC 8617 §4.1.3): the form that survives the small rewrites mail servers make.
// Bytes are handled as latin1 strings so that 8-bit header and body octets pass through unchanged.

/** One header field, as received (name, folds, final line break), in relaxed form with CRLF. */
export function relaxedHeader(field: string): string {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).replace(/[ \t]+$/, '').toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r?\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}\r\n`;
}

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * The body in relaxed form: whitespace runs become one space, whitespace at line ends and empty
 * lines at the end go, and every line ends in CRLF (a bare LF counts as a line break, as the SMTP
 * hop will make it one). An empty body stays empty (RFC 6376 errata 3192).
 */
export function relaxedBody(body: Buffer): Buffer {
  const text = body.toString('latin1');
  // Most bodies are already relaxed but for empty lines at the end: CRLF everywhere, no tabs, no
  // double spaces, no space before a line break. Then only the end needs trimming.
  if (!/\t| {2}| \r?\n| $|(?<!\r)\n/.test(text)) {
    let end = text.length;
    while (end >= 2 && text.charCodeAt(end - 1) === 10 && text.charCodeAt(end - 2) === 13) end -= 2;
    if (end === 0) return Buffer.alloc(0);
    return Buffer.concat([body.subarray(0, end), CRLF]);
  }
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  const out: string[] = new Array<string>(end);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    // Most lines have no double spaces, tabs or trailing blanks: skip the regex work for them.
    out[i] = /[ \t]{2}|\t|[ \t]$/.test(l) ? l.replace(/[ \t]+/g, ' ').replace(/ $/, '') : l;
  }
  while (end > 0 && out[end - 1] === '') end--;
  if (end === 0) return Buffer.alloc(0);
  return Buffer.from(`${out.slice(0, end).join('\r\n')}\r\n`, 'latin1');
}
