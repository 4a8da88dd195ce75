// Keeps the compiled copy renderer of the few posts being delivered right now, so the many jobs of
// one post decompress and compile it once.
import type { MailingList } from '../domain/list.ts';
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';
import { compileCopies, type CopyRenderer } from './personalize.ts';

const MAX = 8;

export class RendererCache {
  private readonly entries = new Map<string, Promise<CopyRenderer | null>>();

  get(store: Store, site: Site, list: MailingList, postId: number, mode: 'personalized' | 'bulk'): Promise<CopyRenderer | null> {
    const key = `${postId}:${mode}:${list.id}`;
    let e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
      return e;
    }
    e = store.getRaw(postId).then((raw) => (raw ? compileCopies(raw, list, site, mode) : null));
    e.catch(() => this.entries.delete(key));
    this.entries.set(key, e);
    while (this.entries.size > MAX) this.entries.delete(this.entries.keys().next().value as string);
    return e;
  }
}
