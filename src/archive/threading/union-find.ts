// Thread merges as a union-find forest: a merged thread id maps to the id it went into. Both thread
// stores (memory-store.ts by Message-ID, compact-store.ts by interned number) follow it alike.

/** The id `id` now goes by, with the path to it shortened for the next look-up. */
export function findRoot<K>(alias: Map<K, K>, id: K): K {
  let root = id;
  for (let next = alias.get(root); next !== undefined; next = alias.get(root)) root = next;
  for (let cur = id; cur !== root;) {
    const next = alias.get(cur) ?? root;
    alias.set(cur, root);
    cur = next;
  }
  return root;
}
