// Maps an envelope recipient to {list, role, detail}: `governance@host` posts,
// `governance-request@host` commands, `governance-bounces+VERP@host` bounces, and so on.
// Unknown addresses map to null, which the server refuses at RCPT time (no backscatter).
import { candidateRoutes } from '../domain/roles.ts';
import type { Route } from '../domain/roles.ts';
import type { MailingList } from '../domain/list.ts';
import type { Store } from '../store/types.ts';

export interface ResolvedRoute extends Route {
  list: MailingList;
}

export class Router {
  private cache = new Map<string, { list: MailingList | null; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    /** List lookups are cached briefly: an SMTP burst should not query the same list per RCPT. */
    private readonly ttlMs = 2_000,
  ) {}

  private async listAt(address: string): Promise<MailingList | null> {
    const hit = this.cache.get(address);
    const t = this.now();
    if (hit && t - hit.at < this.ttlMs) return hit.list;
    const list = await this.store.findListByAddress(address);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(address, { list, at: t });
    return list;
  }

  async resolve(recipient: string): Promise<ResolvedRoute | null> {
    const at = recipient.lastIndexOf('@');
    if (at < 1) return null;
    const local = recipient.slice(0, at);
    const domain = recipient.slice(at + 1).toLowerCase();
    for (const c of candidateRoutes(local)) {
      const list = await this.listAt(`${c.name}@${domain}`);
      if (list) return { listId: list.id, listAddress: list.address, role: c.role, detail: c.detail, list };
    }
    return null;
  }
}
