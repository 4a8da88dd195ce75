// Thread nodes for bulk threading, kept compact: Message-IDs are interned to integers and each
// node is a few bytes in typed arrays (parent, thread, link, ghost), with thread merges as a
// union-find over integers. It applies Placements exactly as MemoryThreadStore (the reference)
// does; placeMessage reads ThreadNode objects made on demand.
import { findRoot } from './union-find.ts';
import { MessageIdTable } from './message-id-table.ts';
import type { LinkKind, NodeLookup, Placement, ThreadNode } from './types.ts';

export const LINKS: readonly LinkKind[] = ['none', 'in-reply-to', 'references', 'subject', 'quote'];
const LINK_CODE = new Map<LinkKind, number>(LINKS.map((l, i) => [l, i]));
export const linkCode = (l: LinkKind): number => LINK_CODE.get(l) ?? 0;

const EXISTS = 1;
const GHOST = 2;
const LINK_SHIFT = 2;

export class CompactThreadStore implements NodeLookup {
  readonly ids = new MessageIdTable();
  /** Per interned id: parent + 1 (0: none). */
  private parents = new Int32Array(1024);
  /** Per interned id: its thread id, itself an interned id. */
  private threads = new Int32Array(1024);
  /** Thread merges as a union-find forest: merged thread → the one it went into (few threads merge). */
  private readonly alias = new Map<number, number>();
  /** Per interned id: EXISTS, GHOST, link code << LINK_SHIFT. */
  private flags = new Uint8Array(1024);

  /** Number of interned ids (nodes and the ids they name). */
  get size(): number {
    return this.ids.size;
  }

  /** The node number of `messageId`, or −1 when it has no node. */
  nodeOf(messageId: string): number {
    const k = this.ids.find(messageId);
    return k >= 0 && this.exists(k) ? k : -1;
  }

  get(messageId: string): ThreadNode | undefined {
    const k = this.nodeOf(messageId);
    if (k < 0) return undefined;
    const p = this.parent(k);
    return {
      messageId, threadId: this.ids.text(this.threadOf(this.threads[k] ?? k)), parentId: p < 0 ? null : this.ids.text(p),
      ghost: this.isGhost(k), link: this.link(k),
    };
  }

  /** The interned id of the thread that `threadId` (an interned id) now goes by. */
  threadOf(threadId: number): number {
    return findRoot(this.alias, threadId);
  }

  /** The current thread of node `k`. */
  threadOfNode(k: number): number {
    return this.threadOf(this.threads[k] ?? k);
  }

  parent(k: number): number {
    return (this.parents[k] ?? 0) - 1;
  }

  link(k: number): LinkKind {
    return LINKS[(this.flags[k] ?? 0) >> LINK_SHIFT] ?? 'none';
  }

  isGhost(k: number): boolean {
    return ((this.flags[k] ?? 0) & GHOST) !== 0;
  }

  /**
   * Applies a placement (as MemoryThreadStore.apply does) and returns the node of the message, or
   * −1 for a duplicate, whose own node is `p.node` as it stands (the caller keeps it apart).
   */
  apply(p: Placement): number {
    for (const u of p.updates) this.upsert(u);
    for (const { from, into } of p.merges) {
      const a = this.threadOf(this.intern(from));
      const b = this.threadOf(this.intern(into));
      if (a !== b) this.alias.set(a, b);
    }
    return p.duplicate ? -1 : this.upsert(p.node);
  }

  /** The interned id, with room in every per-id array. */
  intern(messageId: string): number {
    const k = this.ids.intern(messageId);
    if (k >= this.flags.length) this.grow();
    return k;
  }

  /** Every ghost node with its current thread id, in the order of the ids. */
  *ghosts(): Generator<ThreadNode> {
    for (let k = 0; k < this.ids.size; k++) {
      if (!this.exists(k) || !this.isGhost(k)) continue;
      const p = this.parent(k);
      yield {
        messageId: this.ids.text(k), threadId: this.ids.text(this.threadOfNode(k)), parentId: p < 0 ? null : this.ids.text(p),
        ghost: true, link: this.link(k),
      };
    }
  }

  private exists(k: number): boolean {
    return ((this.flags[k] ?? 0) & EXISTS) !== 0;
  }

  private upsert(n: ThreadNode): number {
    const k = this.intern(n.messageId);
    // Interned first: interning may grow (replace) the arrays written below.
    const parent = n.parentId === null ? 0 : this.intern(n.parentId) + 1;
    const thread = this.intern(n.threadId);
    this.parents[k] = parent;
    this.threads[k] = thread;
    this.flags[k] = EXISTS | (n.ghost ? GHOST : 0) | (linkCode(n.link) << LINK_SHIFT);
    return k;
  }

  /** By a quarter, as the id table grows. */
  private grow(): void {
    const n = Math.max(Math.ceil(this.flags.length * 1.25), this.ids.size);
    const parents = new Int32Array(n);
    parents.set(this.parents);
    this.parents = parents;
    const threads = new Int32Array(n);
    threads.set(this.threads);
    this.threads = threads;
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }
}
