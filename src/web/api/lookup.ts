// Finding what a route's path names, within what the token may touch: the list (a list token sees
// only its own), a member, a held post. Anything else is `not_found`, so a token learns nothing of
// lists it may not act on.
import { CaucusError } from '../../domain/errors.ts';
import type { MailingList, Member, MemberRole } from '../../domain/list.ts';
import type { ApiToken, StoredMessage, Store } from '../../store/types.ts';
import { lookupList } from '../list-ref.ts';

export async function apiList(store: Store, token: ApiToken, ref: string): Promise<MailingList> {
  const found = await lookupList(store, ref);
  if (found && 'choices' in found) throw new CaucusError('invalid', `several lists are named ${ref}; use the full address`);
  if (!found || (token.listId !== null && token.listId !== found.list.id)) throw new CaucusError('not_found', `no list ${ref}`);
  return found.list;
}

export async function apiMember(store: Store, list: MailingList, address: string, role: MemberRole): Promise<Member> {
  const m = await store.getMember(list.id, address, role);
  if (!m) throw new CaucusError('not_found', `${address} is not a ${role} of ${list.address}`);
  return m;
}

export async function apiHeld(store: Store, list: MailingList, idText: string): Promise<StoredMessage> {
  const id = Number(idText);
  const m = Number.isSafeInteger(id) ? await store.getMessage(id) : null;
  if (!m || m.listId !== list.id || m.kind !== 'incoming' || m.state !== 'held') throw new CaucusError('not_found', `no held post ${idText} on ${list.address}`);
  return m;
}
