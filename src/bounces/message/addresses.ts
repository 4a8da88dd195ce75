// Recognising the failed address in the many ways reports write it: bare, in angle brackets,
// with "rfc822;" or "mailto:" in front, quoted, or followed by punctuation.

const LOCAL = /^[^\s@<>()[\],;:"\\]+$/;
const DOMAIN = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?)*\.?|\[[0-9A-Fa-f:.]+\])$/;

/** Strips decoration; returns the address with its domain lower-cased, or null if it is not one. */
export function cleanAddress(input: string): string | null {
  let s = input.trim();
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(s);
  if (angle?.[1]) s = angle[1];
  s = s.replace(/^(?:rfc822;|mailto:|smtp:)\s*/i, '');
  s = s.replace(/^["'`(<[{]+|["'`)>}.,;:!?]+$/g, '');
  // A closing bracket is decoration unless it ends a domain literal (user@[192.0.2.1]).
  if (!/@\[[^\]]*\]$/.test(s)) s = s.replace(/[\])>}.,;:!?"']+$/, '');
  if (s.length > 254) return null;
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  const local = s.slice(0, at).replace(/^["']|["']$/g, '');
  const domain = s.slice(at + 1).replace(/\.$/, '');
  if (!LOCAL.test(local) || !DOMAIN.test(domain) || (!domain.includes('.') && !domain.startsWith('['))) return null;
  return `${local}@${domain.toLowerCase()}`;
}

/** The first address-looking token in a line of text. */
export function findAddress(text: string): string | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  if (angle?.[1]) {
    const a = cleanAddress(angle[1]);
    if (a) return a;
  }
  for (const m of text.matchAll(/[^\s<>()[\],;:"']+@[^\s<>()[\],;:"']+/g)) {
    const a = cleanAddress(m[0]);
    if (a) return a;
  }
  return null;
}

/** The address part of a From/To-style field ("Name <a@b>" or "a@b (Name)"). */
export function fieldAddress(value: string | undefined): string | null {
  return value ? findAddress(value) : null;
}

/** Keeps the first of each address, comparing case-insensitively. */
export function uniqueAddresses(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of list) {
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}
