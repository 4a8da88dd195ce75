// Content-Type and Content-Disposition values (RFC 2045 §5.1, RFC 2183): the type and its
// parameters, with quoted strings and RFC 2231 continuations and charset/language encoding.
import { decodeCharset } from './charset.ts';
import { decodeHeader } from './encoded-words.ts';

export interface MimeValue {
  /** Lower-case value before the first ";" ("text/plain", "attachment"). */
  value: string;
  /** Parameters by lower-case name, continuations joined and decoded. */
  params: Map<string, string>;
}

/** Splits "a; b=c; d=\"e;f\"" into the value and raw name/value pairs, honouring quotes. */
function splitParams(input: string): { value: string; pairs: Array<[string, string, boolean]> } {
  const pairs: Array<[string, string, boolean]> = [];
  let i = input.indexOf(';');
  const value = (i < 0 ? input : input.slice(0, i)).trim().toLowerCase();
  if (i < 0) return { value, pairs };
  const n = input.length;
  while (i < n && pairs.length < 64) {
    i++; // past ";"
    while (i < n && /\s/.test(input[i] ?? '')) i++;
    const eq = input.indexOf('=', i);
    const semi = input.indexOf(';', i);
    if (eq < 0 || (semi >= 0 && semi < eq)) {
      if (semi < 0) break;
      i = semi;
      continue;
    }
    const name = input.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < n && /\s/.test(input[i] ?? '')) i++;
    let val = '';
    let quoted = false;
    if (input[i] === '"') {
      quoted = true;
      i++;
      while (i < n && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < n) i++;
        val += input[i];
        i++;
      }
      const next = input.indexOf(';', i);
      i = next < 0 ? n : next;
    } else {
      const next = input.indexOf(';', i);
      val = (next < 0 ? input.slice(i) : input.slice(i, next)).trim();
      i = next < 0 ? n : next;
    }
    if (name) pairs.push([name, val, quoted]);
  }
  return { value, pairs };
}

function percentBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** Parses a Content-Type or Content-Disposition value (held as a latin1 string). */
export function parseMimeValue(input: string | null | undefined): MimeValue {
  const params = new Map<string, string>();
  if (!input) return { value: '', params };
  const { value, pairs } = splitParams(input);
  // RFC 2231 §3-4: name*0*=charset'lang'%xx, name*1=..., joined in order then decoded.
  const sections = new Map<string, Array<{ n: number; v: string; enc: boolean }>>();
  for (const [name, val] of pairs) {
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(name);
    if (!m) continue;
    const base = m[1] ?? name;
    if (m[2] === undefined && m[3] === undefined) {
      if (!params.has(base)) params.set(base, decodeHeader(val)); // encoded-words in names are common, if unofficial
      continue;
    }
    const list = sections.get(base) ?? [];
    list.push({ n: m[2] === undefined ? 0 : Number(m[2]), v: val, enc: m[3] !== undefined });
    sections.set(base, list);
  }
  for (const [base, list] of sections) {
    list.sort((a, b) => a.n - b.n);
    let charset = '';
    const bytes: Buffer[] = [];
    list.forEach((s, idx) => {
      let v = s.v;
      if (idx === 0 && s.enc) {
        const q = /^([^']*)'[^']*'(.*)$/.exec(v);
        if (q) { charset = q[1] ?? ''; v = q[2] ?? ''; }
      }
      bytes.push(s.enc ? percentBytes(v) : Buffer.from(v, 'latin1'));
    });
    params.set(base, decodeCharset(Buffer.concat(bytes), charset || 'utf-8'));
  }
  return { value, params };
}
