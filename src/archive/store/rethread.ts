// Threads a whole list's archive again from its overview rows (after an import, or by reindex):
// bulk JWZ threading in memory (threading/bulk.ts), then one write of every placement and ghost.
import type { ArchiveEntry, Store } from '../../store/types.ts';
import { threadMessages, type BulkThreadMessage } from '../threading/bulk.ts';

const PAGE = 5000;

function threadInput(e: ArchiveEntry): BulkThreadMessage {
  return {
    messageId: e.messageId, inReplyTo: e.inReplyTo, references: e.references, date: e.date, baseSubject: e.baseSubject,
    isReply: e.isReply, author: { name: e.authorName, address: e.authorAddress }, quotes: [], attribution: null,
  };
}

/** Rebuilds the thread forest of one list; returns the number of threads. */
export async function rethreadList(store: Store, listId: number): Promise<number> {
  const ids: number[] = [];
  const input: BulkThreadMessage[] = [];
  for (let after = -1; ;) {
    const page = await store.archiveEntriesAfter(listId, after, PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.badReason !== null) continue;
      ids.push(e.id);
      input.push(threadInput(e));
    }
    after = page[page.length - 1]!.number;
  }
  const t = threadMessages(input, { quoteInference: false });
  const placed = t.messages.map((m, i) => ({ id: ids[i]!, threadId: m.threadId, parentId: m.parentId, link: m.link, duplicate: m.duplicate }));
  await store.replaceArchiveThreads(listId, placed, t.ghosts);
  return t.threadCount;
}
