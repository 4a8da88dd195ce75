// The shape most free-text bounce formats share: an opening line, then recipient lines, then a
// closing line. One scan: after `start` matches, lines matching `address` are collected until a
// line matches `end`.
import { cleanAddress } from '../message/addresses.ts';

export interface BlockPattern {
  start: RegExp;
  end: RegExp;
  /** Must capture the address as group `addr`. */
  address: RegExp;
}

/** Addresses found by one pattern (cleaned, invalid ones dropped), in order of appearance. */
export function scanBlock(lines: readonly string[], p: BlockPattern): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    if (!open && p.start.test(line)) open = true;
    if (!open) continue;
    const m = p.address.exec(line);
    const raw = m?.groups?.['addr'];
    if (raw) {
      const a = cleanAddress(raw);
      if (a) out.push(a);
    } else if (p.end.test(line)) {
      break;
    }
  }
  return out;
}

/** The first pattern that yields any address decides. */
export function scanPatterns(lines: readonly string[], patterns: readonly BlockPattern[]): string[] {
  for (const p of patterns) {
    const found = scanBlock(lines, p);
    if (found.length > 0) return found;
  }
  return [];
}
