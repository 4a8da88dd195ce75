// Rendered parts of archive pages kept in memory, each with the generation it was rendered under
// (a month's, Store.archiveMonthState): a part is served again only while that generation is
// unchanged, so every process sharing a database sees a change at once. Callers read the
// generation before the rows a part is rendered from, so a part can be newer than its generation
// but never older. Least recently used parts go first once `maxBytes` is reached.
export interface CachedPart<T> {
  value: T;
  /** Roughly what the part holds in memory, in bytes (UTF-16 strings: two a character). */
  bytes: number;
}

export class PageCache<T> {
  private readonly parts = new Map<string, { generation: number; part: CachedPart<T> }>();
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.parts.size;
  }

  get bytes(): number {
    return this.held;
  }

  /** The part under `key` rendered at `generation`, or made now by `make` (and kept if it fits). */
  async get(key: string, generation: number, make: () => Promise<CachedPart<T>>): Promise<T> {
    const found = this.parts.get(key);
    if (found && found.generation === generation) {
      // Map order is insertion order: moving the key to the end keeps the least recent first.
      this.parts.delete(key);
      this.parts.set(key, found);
      this.hits++;
      return found.part.value;
    }
    this.misses++;
    if (found) this.drop(key);
    const part = await make();
    if (part.bytes > this.maxBytes / 4) return part.value;
    const again = this.parts.get(key);
    if (again) this.drop(key);
    this.parts.set(key, { generation, part });
    this.held += part.bytes;
    for (const [k] of this.parts) {
      if (this.held <= this.maxBytes) break;
      this.drop(k);
    }
    return part.value;
  }

  private drop(key: string): void {
    const found = this.parts.get(key);
    if (!found) return;
    this.parts.delete(key);
    this.held -= found.part.bytes;
  }
}
