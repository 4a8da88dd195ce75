// Re-enabling delivery after bounces: by the member's signed link (the web asks before acting,
// then calls reenableByToken) or by an owner (`caucus members set L A delivery=on`, after which
// maintenance forgets the record).
import type { Member } from '../domain/list.ts';
import type { Store } from '../store/types.ts';
import { memberOfReenableToken } from './reenable-link.ts';

/** Delivery on again, with a clean bounce record. */
export async function reenable(tx: Store, member: Member): Promise<Member> {
  await tx.deleteBounceInfo(member.id);
  return tx.updateMember(member.id, { deliveryEnabled: true, disabledReason: null });
}

export interface ReenableTarget {
  listAddress: string;
  address: string;
  deliveryEnabled: boolean;
}

/** What a re-enable link is about (for the page that asks before acting), or null when it is not valid. */
export async function describeReenableToken(store: Store, secret: string, token: string): Promise<ReenableTarget | null> {
  const member = await memberOfReenableToken(store, secret, token);
  const list = member ? await store.getList(member.listId) : null;
  return member && list ? { listAddress: list.address, address: member.address, deliveryEnabled: member.deliveryEnabled } : null;
}

/** Turns the member's delivery back on, with a clean bounce record; null when the link is not valid. */
export async function reenableByToken(store: Store, secret: string, token: string): Promise<ReenableTarget | null> {
  return store.transaction(async (tx) => {
    const member = await memberOfReenableToken(tx, secret, token);
    const list = member ? await tx.getList(member.listId) : null;
    if (!member || !list) return null;
    const after = await reenable(tx, member);
    return { listAddress: list.address, address: after.address, deliveryEnabled: after.deliveryEnabled };
  });
}
