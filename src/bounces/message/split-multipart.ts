// Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1). Lenient: a missing
// close delimiter ends the last part at the end of the body; the preamble and epilogue are dropped.

function isDelimiterAt(body: string, at: number, delim: string): boolean {
  if (at > 0 && body[at - 1] !== '\n') return false;
  const next = body[at + delim.length];
  return next === undefined || next === '\n' || next === '-' || next === ' ' || next === '\t' || next === '\r';
}

function findDelimiter(body: string, delim: string, from: number): number {
  let at = body.indexOf(delim, from);
  while (at >= 0 && !isDelimiterAt(body, at, delim)) at = body.indexOf(delim, at + 1);
  return at;
}

export function splitMultipart(body: string, boundary: string, maxParts = 200): string[] {
  const delim = '--' + boundary;
  const parts: string[] = [];
  let at = findDelimiter(body, delim, 0);
  while (at >= 0 && parts.length < maxParts) {
    if (body.startsWith('--', at + delim.length)) break;
    const nl = body.indexOf('\n', at);
    if (nl < 0) break;
    const start = nl + 1;
    const next = findDelimiter(body, delim, start);
    const end = next < 0 ? body.length : Math.max(start, next - 1);
    parts.push(body.slice(start, end));
    at = next;
  }
  return parts;
}
