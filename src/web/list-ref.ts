// Finds the list a URL names: `/lists/governance` (when the name is unique) or
// `/lists/governance@lists.example.org`; and builds the canonical path of a list's pages.
import type { MailingList } from '../domain/list.ts';
import type { Store } from '../store/types.ts';

export type ListLookup = { list: MailingList } | { choices: MailingList[] } | null;

export async function lookupList(store: Store, ref: string): Promise<ListLookup> {
  if (!ref || ref.length > 320) return null;
  if (ref.includes('@')) {
    const l = await store.findListByAddress(ref);
    return l ? { list: l } : null;
  }
  const ls = await store.findListsByName(ref);
  if (ls.length === 0) return null;
  return ls.length === 1 ? { list: ls[0]! } : { choices: ls };
}

/** `/lists/governance@lists.example.org`: always unambiguous. */
export const listPath = (l: Pick<MailingList, 'name' | 'domain'>): string => `/lists/${encodeURIComponent(l.name)}@${encodeURIComponent(l.domain)}`;
export const adminListPath = (l: Pick<MailingList, 'name' | 'domain'>): string => `/admin/lists/${encodeURIComponent(l.name)}@${encodeURIComponent(l.domain)}`;
