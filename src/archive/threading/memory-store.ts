// Thread nodes held in memory, applying Placements exactly as a database store should: upsert the
// updated nodes, store the message's node (a duplicate apart), and fold merged threads. Bulk
// threading runs on it, and it is the reference for what a store does with a Placement.
import { findRoot } from './union-find.ts';
import type { NodeLookup, Placement, ThreadNode } from './types.ts';

export class MemoryThreadStore implements NodeLookup {
  private readonly nodes = new Map<string, ThreadNode>();
  /** Thread merges as a union-find forest: merged thread id → the id it went into. */
  private readonly alias = new Map<string, string>();

  /** The thread id a possibly merged-away id now goes by. */
  threadOf(threadId: string): string {
    return findRoot(this.alias, threadId);
  }

  get(messageId: string): ThreadNode | undefined {
    const n = this.nodes.get(messageId);
    if (n) n.threadId = this.threadOf(n.threadId);
    return n;
  }

  /**
   * Applies a placement and returns the node that now stands for the message: the shared node
   * (which later placements may still re-parent, see Placement.updates), or for a duplicate its
   * own node.
   */
  apply(p: Placement): ThreadNode {
    for (const u of p.updates) this.upsert(u);
    for (const { from, into } of p.merges) {
      const a = this.threadOf(from);
      const b = this.threadOf(into);
      if (a !== b) this.alias.set(a, b);
    }
    if (p.duplicate) return { ...p.node };
    return this.upsert(p.node);
  }

  /** Every ghost node, with its current thread id. */
  ghosts(): ThreadNode[] {
    const out: ThreadNode[] = [];
    for (const n of this.nodes.values()) if (n.ghost) out.push({ ...n, threadId: this.threadOf(n.threadId) });
    return out;
  }

  private upsert(n: ThreadNode): ThreadNode {
    const prior = this.nodes.get(n.messageId);
    if (prior) {
      Object.assign(prior, n);
      return prior;
    }
    const fresh = { ...n };
    this.nodes.set(n.messageId, fresh);
    return fresh;
  }
}
