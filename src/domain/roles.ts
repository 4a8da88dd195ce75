// The addresses a list answers to (RFC 2142-style sub-addresses, as Mailman names them) and the
// role each one plays when mail arrives for it.
export const ADDRESS_ROLES = ['post', 'request', 'join', 'leave', 'owner', 'confirm', 'bounces'] as const;
export type AddressRole = (typeof ADDRESS_ROLES)[number];

/** Where an envelope recipient leads: a list, the role of the sub-address, and its +detail if any. */
export interface Route {
  listId: number;
  listAddress: string;
  role: AddressRole;
  /** The part after `+` for confirm tokens and VERP'd bounces. */
  detail: string | null;
}

const SUFFIX_ROLES: ReadonlyArray<readonly [string, AddressRole]> = [
  ['-request', 'request'],
  ['-join', 'join'],
  ['-subscribe', 'join'],
  ['-leave', 'leave'],
  ['-unsubscribe', 'leave'],
  ['-owner', 'owner'],
  ['-confirm', 'confirm'],
  ['-bounces', 'bounces'],
];

/**
 * Splits a recipient's local part into the list name it belongs to, its role and +detail.
 * Returns every candidate (a list may itself be named `foo-request`), most specific first.
 */
export function candidateRoutes(local: string): Array<{ name: string; role: AddressRole; detail: string | null }> {
  const lower = local.toLowerCase();
  const out: Array<{ name: string; role: AddressRole; detail: string | null }> = [];
  const plus = lower.indexOf('+');
  const base = plus >= 0 ? lower.slice(0, plus) : lower;
  const detail = plus >= 0 ? local.slice(plus + 1) : null;
  for (const [suffix, role] of SUFFIX_ROLES) {
    if (base.endsWith(suffix) && base.length > suffix.length) {
      // Only confirm and bounces take a +detail; others with + are not ours.
      if (detail !== null && role !== 'confirm' && role !== 'bounces') continue;
      out.push({ name: base.slice(0, -suffix.length), role, detail });
    }
  }
  if (detail === null) out.push({ name: lower, role: 'post', detail: null });
  return out;
}

/** The sub-address of a list for a role, e.g. `governance-leave@lists.example.org`. */
export function roleAddress(listName: string, domain: string, role: Exclude<AddressRole, 'post'> | 'post', detail?: string): string {
  const suffix = role === 'post' ? '' : `-${role}`;
  return `${listName}${suffix}${detail ? `+${detail}` : ''}@${domain}`;
}
