// A member moves every membership to a new address. The new address must prove itself: a link is
// mailed there, and only opening it (and pressing the button) makes the change.
import { addressKey, isValidAddress } from '../domain/address.ts';
import { CaucusError } from '../domain/errors.ts';
import type { AuthDeps } from './deps.ts';
import { issueLink, LINK_TTL_MS, takeLink } from './links.ts';
import { queueSiteMail } from './mail.ts';
import { addressChangeText } from './texts.ts';

export async function requestAddressChange(d: AuthDeps, oldAddress: string, newAddress: string): Promise<{ sent: boolean }> {
  const next = newAddress.trim();
  if (!isValidAddress(next)) throw new CaucusError('invalid', `not an email address: ${JSON.stringify(next.slice(0, 100))}`);
  if (addressKey(next) === addressKey(oldAddress)) throw new CaucusError('invalid', 'That is the address you already use.');
  const token = await issueLink(d, next, 'change_address', { oldAddress });
  return { sent: await queueSiteMail(d, { to: next, purpose: 'address-change', ...addressChangeText(d.site, oldAddress, next, token, LINK_TTL_MS.change_address) }) };
}

/**
 * Moves every membership of the old address to the new one, in one transaction. Where the new
 * address already holds the same membership, the old one is simply removed. Sessions of the old
 * address end.
 */
export async function confirmAddressChange(d: AuthDeps, token: string): Promise<{ oldAddress: string; newAddress: string; moved: number } | null> {
  return d.store.transaction(async (store) => {
    const link = await takeLink({ store, now: d.now }, token, 'change_address');
    const oldAddress = link?.data.oldAddress;
    if (!link || typeof oldAddress !== 'string') return null;
    let moved = 0;
    for (const m of await store.membershipsOf(oldAddress)) {
      if (await store.getMember(m.listId, link.address, m.role)) await store.removeMember(m.id);
      else await store.updateMember(m.id, { address: link.address });
      moved++;
    }
    await store.deleteSessionsOf(oldAddress);
    return { oldAddress, newAddress: link.address, moved };
  });
}
