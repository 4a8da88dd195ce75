// Email addresses as value objects: validation, the case-folded key used for lookups, and the
// local part / domain split. RFC 5321 §2.4: the local part may be case-sensitive, so the address
// is kept as written and only the lookup key is folded (as every list server does in practice).
import { CaucusError } from './errors.ts';

// Deliberately permissive on the local part (dot-atom plus a few characters real mail uses), strict
// on the domain shape. Quoted local parts are accepted as written.
const ADDRESS_RE = /^(?:"[^"\r\n]+"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+)@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;

export function isValidAddress(s: string): boolean {
  return s.length <= 320 && ADDRESS_RE.test(s);
}

/** The key used to compare addresses: trimmed and lower-cased. */
export function addressKey(s: string): string {
  return s.trim().toLowerCase();
}

/** Parses and validates an address; throws an `invalid` CaucusError naming it. */
export function parseAddress(input: string): string {
  const s = input.trim().replace(/^<(.*)>$/, '$1');
  if (!isValidAddress(s)) throw new CaucusError('invalid', `not an email address: ${JSON.stringify(input)}`);
  return s;
}

export function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  if (at < 1) throw new CaucusError('invalid', `not an email address: ${JSON.stringify(address)}`);
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}
