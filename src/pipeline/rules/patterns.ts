// Address patterns and administrator-written regular expressions, tested defensively: an invalid
// or backtracking-prone pattern never matches and never throws, and tested strings are capped.
import { addressKey } from '../../domain/address.ts';

/** Longest string a pattern is tested against; RFC 5321 §4.5.3.1 caps a path at 256 octets. */
export const MAX_ADDRESS_TEST_LENGTH = 320;
/** Header values beyond this are tested on their first part only (RFC 5322 §2.1.1: 998 per line). */
export const MAX_HEADER_TEST_LENGTH = 1000;

const isUnboundedQuantifier = (q: string): boolean => {
  if (q === '*' || q === '+') return true;
  const m = /^\{(\d+)(,(\d*))?\}$/.exec(q);
  if (!m) return false;
  if (m[2] === undefined) return false;
  return m[3] === '' || Number(m[3]) > 10;
};

/** Reads the quantifier starting at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`), or ''. */
function quantifierAt(p: string, i: number): string {
  const c = p[i];
  if (c === '*' || c === '+' || c === '?') return c;
  if (c === '{') {
    const m = /^\{\d+(,\d*)?\}/.exec(p.slice(i, i + 24));
    if (m) return m[0];
  }
  return '';
}

/**
 * Finds an unbounded quantifier applied to a group that itself holds one, as in `(a+)+` or
 * `(\w*x?)*`: the shape behind catastrophic backtracking in JavaScript's engine. A linear scan,
 * no recursion; character classes and escapes are skipped.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  // One entry per open group: does it contain an unbounded quantifier?
  const stack: boolean[] = [false];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push(false);
      i++;
      continue;
    } else if (c === ')') {
      const inner = stack.length > 1 ? (stack.pop() ?? false) : false;
      i++;
      const q = quantifierAt(pattern, i);
      if (q && isUnboundedQuantifier(q) && inner) return true;
      if (inner || (q && isUnboundedQuantifier(q))) stack[stack.length - 1] = true;
      i += q.length;
      continue;
    } else {
      i++;
    }
    const q = quantifierAt(pattern, i);
    if (q && isUnboundedQuantifier(q)) stack[stack.length - 1] = true;
    i += q.length;
  }
  return false;
}

/** Why a pattern cannot be used, or null when it is fine. For admin forms and for hit details. */
export function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (hasNestedQuantifier(pattern)) return 'nested repetition (such as (a+)+) can take exponential time';
  return null;
}

/** Compiles a case-insensitive regex, or returns null for an invalid or unsafe one. */
export function compilePattern(pattern: string): RegExp | null {
  if (patternProblem(pattern) !== null) return null;
  return new RegExp(pattern, 'i');
}

/** Tests a compiled pattern on at most `maxLength` characters of `value`. */
export function testCapped(re: RegExp, value: string, maxLength: number): boolean {
  return re.test(value.length > maxLength ? value.slice(0, maxLength) : value);
}

/**
 * One entry of an address list setting: a plain address compares case-insensitively, an entry
 * starting with `^` is a regex (Mailman's convention for *_these_nonmembers and bans).
 */
export function matchesAddressPattern(address: string, pattern: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  if (p.startsWith('^')) {
    const re = compilePattern(p);
    return re !== null && testCapped(re, addressKey(address), MAX_ADDRESS_TEST_LENGTH);
  }
  return addressKey(address) === addressKey(p);
}

/** The first (address, pattern) pair that matches, scanning addresses in order. */
export function findAddressMatch(
  addresses: readonly string[],
  patterns: readonly string[],
): { address: string; pattern: string } | null {
  for (const address of addresses) {
    for (const pattern of patterns) {
      if (matchesAddressPattern(address, pattern)) return { address, pattern };
    }
  }
  return null;
}
