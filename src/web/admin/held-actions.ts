// A moderator's decision on one held post, as Mailman 2 offered it: approve, reject with a reason,
// discard, approve and stop moderating the sender (a member's moderation set to accept, or the
// address added to acceptNonmembers), or ban the sender (added to bannedAddresses) and discard.
import { addressKey } from '../../domain/address.ts';
import { CaucusError } from '../../domain/errors.ts';
import { ListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { approveHeld, discardHeld, rejectHeld } from '../../moderation/index.ts';
import type { WebDeps } from '../deps.ts';

export const HELD_ACTIONS = ['approve', 'reject', 'discard', 'accept', 'ban'] as const;
export type HeldAction = (typeof HELD_ACTIONS)[number];

async function addToSetting(d: WebDeps, listId: number, key: 'acceptNonmembers' | 'bannedAddresses', address: string): Promise<void> {
  const fresh = await d.store.getList(listId);
  if (!fresh) return;
  const current = fresh.settings[key];
  if (current.some((a) => addressKey(a) === addressKey(address))) return;
  await d.store.updateListSettings(listId, ListSettings.parse({ ...fresh.settings, [key]: [...current, address] }));
}

export async function actOnHeld(d: WebDeps, list: MailingList, id: number, action: HeldAction, reason: string): Promise<void> {
  const m = await d.store.getMessage(id);
  if (!m || m.listId !== list.id || m.kind !== 'incoming') throw new CaucusError('not_found', `no held message ${id} on ${list.address}`);
  const sender = m.fromAddress ?? m.envelopeFrom;
  switch (action) {
    case 'approve': return approveHeld(d, list, id);
    case 'reject': return rejectHeld(d, list, id, reason);
    case 'discard': return discardHeld(d, list, id);
    case 'accept': {
      await approveHeld(d, list, id);
      if (!sender) return;
      const member = await d.store.getMember(list.id, sender, 'member');
      if (member) await d.store.updateMember(member.id, { moderationAction: 'accept' });
      else await addToSetting(d, list.id, 'acceptNonmembers', sender);
      return;
    }
    case 'ban':
      await discardHeld(d, list, id, 'discarded by a moderator; the sender is banned');
      if (sender) await addToSetting(d, list.id, 'bannedAddresses', sender);
  }
}
