// Finds the member record a post's senders belong to, in the senders' order (From first), as
// Mailman's _find_sender_member does; for building a RuleContext from a roster already loaded.
import { addressKey } from '../../domain/address.ts';
import type { Member } from '../../domain/list.ts';

export function findSenderMember(senders: readonly string[], members: readonly Member[]): Member | null {
  const byKey = new Map<string, Member>();
  for (const m of members) if (m.role === 'member') byKey.set(addressKey(m.address), m);
  for (const s of senders) {
    const m = byKey.get(addressKey(s));
    if (m) return m;
  }
  return null;
}

/** True when any sender holds the owner or moderator role on the list. */
export function isModeratorSender(senders: readonly string[], members: readonly Member[]): boolean {
  const keys = new Set(senders.map(addressKey));
  return members.some((m) => (m.role === 'owner' || m.role === 'moderator') && keys.has(addressKey(m.address)));
}
