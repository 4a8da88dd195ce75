// Finds the list a command names, by full address or (when unambiguous) by name alone.
import { CaucusError } from '../domain/errors.ts';
import type { MailingList } from '../domain/list.ts';
import type { Store } from '../store/types.ts';

export async function resolveList(store: Store, ref: string): Promise<MailingList> {
  if (ref.includes('@')) {
    const l = await store.findListByAddress(ref);
    if (!l) throw new CaucusError('not_found', `no list ${ref}`);
    return l;
  }
  const ls = await store.findListsByName(ref);
  if (ls.length === 1) return ls[0]!;
  if (ls.length === 0) throw new CaucusError('not_found', `no list named ${ref}`);
  throw new CaucusError('invalid', `several lists are named ${ref}; give the full address (${ls.map((l) => l.address).join(', ')})`);
}
