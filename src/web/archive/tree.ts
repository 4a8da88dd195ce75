// Orders messages as threads for display: roots by date, each followed by its replies depth-first
// (by date), with a depth for indentation. Iterative, so deep or looping parent chains are safe.
import type { ArchiveSummary } from '../../store/types.ts';

/** What ordering needs of a message; full entries and summaries both have it. */
export type Threadable = Pick<ArchiveSummary, 'id' | 'messageId' | 'parentId' | 'duplicate' | 'date' | 'number'>;

export interface Placed<T extends Threadable = ArchiveSummary> { entry: T; depth: number }

const MAX_DEPTH = 40;

/** Entries in thread order; a message whose parent is not among them starts a tree of its own. */
export function threadOrder<T extends Threadable>(entries: readonly T[]): Array<Placed<T>> {
  const byId = new Map<string, T>();
  for (const e of entries) if (!e.duplicate && !byId.has(e.messageId)) byId.set(e.messageId, e);
  const children = new Map<number, T[]>();
  const roots: T[] = [];
  for (const e of entries) {
    const p = e.parentId ? byId.get(e.parentId) : undefined;
    if (p && p !== e) {
      const list = children.get(p.id) ?? [];
      list.push(e);
      children.set(p.id, list);
    } else roots.push(e);
  }
  const byDate = (a: T, b: T) => a.date.getTime() - b.date.getTime() || a.number - b.number;
  roots.sort(byDate);
  const out: Array<Placed<T>> = [];
  const seen = new Set<number>();
  const stack: Array<Placed<T>> = roots.slice().reverse().map((entry) => ({ entry, depth: 0 }));
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur.entry.id)) continue;
    seen.add(cur.entry.id);
    out.push(cur);
    const kids = (children.get(cur.entry.id) ?? []).slice().sort(byDate);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ entry: kids[i]!, depth: Math.min(cur.depth + 1, MAX_DEPTH) });
  }
  for (const e of entries) if (!seen.has(e.id)) out.push({ entry: e, depth: 0 });
  return out;
}
