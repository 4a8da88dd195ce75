// Whether an address is on a list's ban list. Entries are plain addresses (compared without case)
// or, starting with `^`, regular expressions, as in Mailman; a pattern that does not compile or
// that nests unbounded repetition (catastrophic backtracking) never matches.
import { addressKey } from '../domain/address.ts';
import type { MailingList } from '../domain/list.ts';

/** RFC 5321 §4.5.3.1.3 caps a path at 256 octets; nothing longer is worth testing. */
const MAX_TESTED = 320;

// An unbounded quantifier (*, +, {n,}) right after a group that itself holds one: `(a+)+`.
const NESTED_REPEAT = /\((?:[^()\\]|\\.)*(?:[*+]|\{\d+,\})(?:[^()\\]|\\.)*\)(?:[*+]|\{\d+,\d*\})/;

function compile(pattern: string): RegExp | null {
  if (NESTED_REPEAT.test(pattern)) return null;
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return null;
  }
}

export function isBanned(list: MailingList, address: string): boolean {
  const key = addressKey(address).slice(0, MAX_TESTED);
  for (const entry of list.settings.bannedAddresses) {
    const p = entry.trim();
    if (p === '') continue;
    if (p.startsWith('^')) {
      if (compile(p)?.test(key)) return true;
    } else if (addressKey(p) === key) {
      return true;
    }
  }
  return false;
}
