// Content-Transfer-Encoding decoders (RFC 2045 §6): base64 and quoted-printable. Both are lenient
// (garbage characters are skipped, bad escapes kept literally), as real mail needs.

/** RFC 2045 §6.8; Buffer's decoder already ignores characters outside the alphabet. */
export function decodeBase64(buf: Buffer): Buffer {
  return Buffer.from(buf.toString('latin1'), 'base64');
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** RFC 2045 §6.7: `=XX` escapes and `=` soft line breaks (trailing whitespace tolerated). */
export function decodeQuotedPrintable(buf: Buffer): Buffer {
  if (buf.indexOf(0x3d) < 0) return buf;
  const out = Buffer.allocUnsafe(buf.length);
  let o = 0;
  const n = buf.length;
  for (let i = 0; i < n; i++) {
    const c = buf[i] ?? 0;
    if (c !== 0x3d) { out[o++] = c; continue; }
    const a = hexVal(buf[i + 1] ?? 0);
    const b = hexVal(buf[i + 2] ?? 0);
    if (a >= 0 && b >= 0) { out[o++] = a * 16 + b; i += 2; continue; }
    // Soft line break: "=" then optional spaces/tabs then CRLF or LF.
    let j = i + 1;
    while (j < n && (buf[j] === 0x20 || buf[j] === 0x09)) j++;
    if (j < n && buf[j] === 0x0d) j++;
    if (j < n && buf[j] === 0x0a) { i = j; continue; }
    if (j >= n) { i = j; continue; }
    out[o++] = c;
  }
  return out.subarray(0, o);
}

/** Decodes a body by its Content-Transfer-Encoding; unknown encodings pass through. */
export function decodeTransfer(buf: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'base64') return decodeBase64(buf);
  if (e === 'quoted-printable') return decodeQuotedPrintable(buf);
  return buf;
}
