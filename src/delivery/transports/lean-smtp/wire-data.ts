// Turns a raw message into the bytes that follow DATA: CRLF line ends, dot-stuffing and the closing
// "." line (RFC 5321 §4.1.1.4, §4.5.2). Mail that is already clean goes out without being copied.

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const END = Buffer.from('.\r\n');
const CRLF_END = Buffer.from('\r\n.\r\n');

/** True when every line ends in CRLF, no CR stands alone and no line starts with a dot. */
function isClean(raw: Buffer): boolean {
  if (raw.length > 0 && raw[0] === DOT) return false;
  for (let i = raw.indexOf(LF); i !== -1; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) return false;
    if (raw[i + 1] === DOT) return false;
  }
  // A CR not followed by LF is a line end to some receivers: SMTP smuggling if left in place.
  for (let i = raw.indexOf(CR); i !== -1; i = raw.indexOf(CR, i + 1)) {
    if (raw[i + 1] !== LF) return false;
  }
  return true;
}

/** The slow path: rewrite bare LF and bare CR to CRLF and stuff a dot at each line start. */
function normalize(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length * 2 + 2);
  let n = 0;
  let lineStart = true;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] ?? 0;
    if (b === CR || b === LF) {
      out[n++] = CR;
      out[n++] = LF;
      if (b === CR && raw[i + 1] === LF) i++;
      lineStart = true;
      continue;
    }
    if (lineStart && b === DOT) out[n++] = DOT;
    out[n++] = b;
    lineStart = false;
  }
  return out.subarray(0, n);
}

/** The chunks to write after a 354 reply, ending with the terminating "." line. */
export function wireData(raw: Buffer): Buffer[] {
  const body = isClean(raw) ? raw : normalize(raw);
  if (body.length === 0) return [END];
  const endsWithCrlf = body.length >= 2 && body[body.length - 2] === CR && body[body.length - 1] === LF;
  return [body, endsWithCrlf ? END : CRLF_END];
}
