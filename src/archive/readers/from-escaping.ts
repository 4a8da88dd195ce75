// The ">From " quoting of mbox bodies (RFC 4155 Appendix A): undo it when reading, apply the
// mboxrd form when writing. Both scan for the rare pattern with indexOf and copy only when needed.

const PATTERN = Buffer.from('From ');
const GT = 0x3e;
const LF = 0x0a;

/** Start of the line holding position `at`, walking back over `>` only; -1 when not a `>*` prefix. */
function quotedLineStart(buf: Buffer, at: number): number {
  let q = at;
  while (q > 0 && buf[q - 1] === GT) q--;
  if (q === 0 || buf[q - 1] === LF) return q;
  return -1;
}

/** Undoes one level of ">From " escaping; `mboxo` only unescapes lines with exactly one `>`. */
export function unescapeFrom(buf: Buffer, format: 'mboxrd' | 'mboxo'): Buffer {
  const cuts: number[] = [];
  let i = buf.indexOf(PATTERN);
  while (i >= 0) {
    if (i > 0 && buf[i - 1] === GT) {
      const q = quotedLineStart(buf, i);
      if (q >= 0 && (format === 'mboxrd' || q === i - 1)) cuts.push(q);
    }
    i = buf.indexOf(PATTERN, i + PATTERN.length);
  }
  if (cuts.length === 0) return buf;
  const parts: Buffer[] = [];
  let from = 0;
  for (const c of cuts) {
    parts.push(buf.subarray(from, c));
    from = c + 1;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts, buf.length - cuts.length);
}

/** Applies mboxrd escaping: every line matching `^>*From ` gets one more `>`. */
export function escapeFromRd(buf: Buffer): Buffer {
  const at: number[] = [];
  let i = buf.indexOf(PATTERN);
  while (i >= 0) {
    const q = quotedLineStart(buf, i);
    if (q >= 0) at.push(q);
    i = buf.indexOf(PATTERN, i + PATTERN.length);
  }
  if (at.length === 0) return buf;
  const parts: Buffer[] = [];
  const gt = Buffer.from('>');
  let from = 0;
  for (const p of at) {
    parts.push(buf.subarray(from, p), gt);
    from = p;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts, buf.length + at.length);
}
