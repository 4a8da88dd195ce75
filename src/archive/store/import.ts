// Bulk import of a list's old archive: messages are streamed, read and stored in batches (one
// transaction each, so an interrupted import resumes where it stopped), exact copies already held
// are skipped by SHA-256, and rows stay hidden until the whole import is threaded and published.
import type { MailingList } from '../../domain/list.ts';
import type { Store } from '../../store/types.ts';
import type { RawMessage } from '../readers/raw-message.ts';
import { analyse, newEntry, sha256Hex } from './entry.ts';
import { rethreadList } from './rethread.ts';

export interface ImportCounts {
  /** Messages read from the sources. */
  read: number;
  /** Messages newly stored. */
  added: number;
  /** Exact copies of messages already archived (or repeated in the input). */
  skipped: number;
  /** Messages stored raw with a reason, not shown in indexes. */
  bad: number;
}

export interface ImportSummary extends ImportCounts { threads: number; published: number }

export interface ImportOptions {
  now: () => Date;
  batchSize?: number;
  onProgress?: (c: ImportCounts) => void;
}

export async function importArchive(store: Store, list: MailingList, messages: AsyncIterable<RawMessage>, opts: ImportOptions): Promise<ImportSummary> {
  const size = opts.batchSize ?? 1000;
  const counts: ImportCounts = { read: 0, added: 0, skipped: 0, bad: 0 };
  let batch: Array<{ m: RawMessage; sha: string }> = [];
  const flush = async (): Promise<void> => {
    const held = await store.archiveHasDigests(list.id, batch.map((b) => b.sha));
    const entries = [];
    for (const { m, sha } of batch) {
      if (held.has(sha)) {
        counts.skipped++;
        continue;
      }
      held.add(sha);
      const fromLine = m.fromLine ?? null;
      const a = analyse(m.raw, list, opts.now(), fromLine);
      if (a.fields.badReason !== null) counts.bad++;
      entries.push(newEntry(list, m.raw, a, { fromLine, rawId: null, hidden: true, sha256: sha }));
    }
    if (entries.length) await store.addArchiveEntries(entries);
    counts.added += entries.length;
    batch = [];
    opts.onProgress?.({ ...counts });
  };
  for await (const m of messages) {
    counts.read++;
    batch.push({ m, sha: sha256Hex(m.raw) });
    if (batch.length >= size) await flush();
  }
  if (batch.length) await flush();
  const threads = await rethreadList(store, list.id);
  const published = await store.publishArchive(list.id);
  return { ...counts, threads, published };
}
