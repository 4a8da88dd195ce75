// Rebuilds everything derived from the raw bytes: each overview row and search entry is read
// again from the stored message, then the list is threaded again. Numbers and raw never change.
import type { MailingList } from '../../domain/list.ts';
import type { Store } from '../../store/types.ts';
import { analyse } from './entry.ts';
import { STATISTICS_FROM } from './import.ts';
import { rethreadList } from './rethread.ts';

const PAGE = 500;

export interface ReindexSummary { messages: number; threads: number }

export async function reindexArchive(store: Store, list: MailingList, now: () => Date, onProgress?: (n: number) => void): Promise<ReindexSummary> {
  let messages = 0;
  for (let after = -1; ;) {
    const page = await store.archiveEntriesAfter(list.id, after, PAGE);
    if (page.length === 0) break;
    await store.transaction(async (tx) => {
      for (const e of page) {
        const raw = await tx.getRaw(e.rawId);
        if (!raw) continue;
        const a = analyse(raw, list, now(), e.fromLine);
        await tx.rewriteArchiveEntry(e.id, a.fields, a.text);
        messages++;
      }
    });
    onProgress?.(messages);
    after = page[page.length - 1]!.number;
  }
  const { threads } = await rethreadList(store, list.id);
  if (messages >= STATISTICS_FROM) await store.refreshArchiveStatistics();
  return { messages, threads };
}
