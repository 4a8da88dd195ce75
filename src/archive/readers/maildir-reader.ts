// Maildir folders (cur/ and new/, never tmp/) and plain message-per-file trees (MH-like, or test
// corpora laid out as loose files). File names sort in delivery order for Maildir, whose unique
// names start with the delivery time. Directory walks are iterative.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawMessage } from './raw-message.ts';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function filesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort(byName);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Messages of one Maildir folder: cur/ then new/, each in name order. */
export async function* readMaildir(dir: string): AsyncGenerator<RawMessage> {
  for (const sub of ['cur', 'new']) {
    const d = join(dir, sub);
    for (const name of await filesIn(d)) {
      const path = join(d, name);
      yield { raw: await readFile(path), offset: 0, path };
    }
  }
}

/**
 * Every regular file under `root` as one message, depth first in name order, skipping dot files
 * and Maildir tmp/ folders. `maxDepth` bounds the walk.
 */
export async function* readMessageTree(root: string, maxDepth = 32): AsyncGenerator<RawMessage> {
  const stack: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const entries = await readdir(top.dir, { withFileTypes: true });
    entries.sort((a, b) => byName(a.name, b.name));
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(top.dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'tmp' && top.depth < maxDepth) subdirs.push(path);
      } else if (e.isFile()) {
        yield { raw: await readFile(path), offset: 0, path };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i] ?? '', depth: top.depth + 1 });
  }
}
