// Threads a whole list's archive again from its overview rows (after an import, or by reindex):
// bulk JWZ threading in memory (threading/bulk.ts), then one write of every placement and ghost.
// Quote inference needs the fingerprints of the posts that quoting replies may have quoted: only
// those posts' texts are read from the search index, in chunks, and of each fingerprint only the
// shingles that some quote shares are kept, so memory follows the quotes, not the list's size.
import type { ArchiveEntry, Store } from '../../store/types.ts';
import { overviewFingerprint } from '../overview.ts';
import { decodeKeptQuotes, type KeptQuotes } from '../quotes/kept-quotes.ts';
import { threadMessages, type BulkThreadMessage } from '../threading/bulk.ts';
import { quoteCandidateSuperset, quotedShingles, sharedWithQuotes } from '../threading/quote-candidates.ts';

const PAGE = 5000;
const TEXTS = 500;
const NO_QUOTES: readonly never[] = [];

function threadInput(e: ArchiveEntry, kept: KeptQuotes | null): BulkThreadMessage {
  return {
    messageId: e.messageId, inReplyTo: e.inReplyTo, references: e.references, date: e.date, baseSubject: e.baseSubject,
    isReply: e.isReply, author: { name: e.authorName, address: e.authorAddress },
    quotes: kept?.quotes ?? NO_QUOTES, attribution: kept?.attribution ?? null,
  };
}

/** Gives the posts the `quoting` messages may have quoted the part of their fingerprint that matters. */
async function fingerprintCandidates(store: Store, input: BulkThreadMessage[], ids: readonly number[], quoting: readonly number[]): Promise<void> {
  const wanted = quoteCandidateSuperset(input, quoting);
  const quoted = quotedShingles(input, quoting);
  for (let i = 0; i < wanted.length; i += TEXTS) {
    const at = new Map<number, number>();
    for (const k of wanted.slice(i, i + TEXTS)) at.set(ids[k] ?? -1, k);
    for (const { id, text } of await store.archiveIndexedTexts([...at.keys()])) {
      const m = input[at.get(id) ?? -1];
      if (m) m.fingerprint = sharedWithQuotes(overviewFingerprint(text), quoted);
    }
  }
}

/** Rebuilds the thread forest of one list; returns the number of threads. */
export async function rethreadList(store: Store, listId: number): Promise<number> {
  const ids: number[] = [];
  const input: BulkThreadMessage[] = [];
  const quoting: number[] = [];
  for (let after = -1; ;) {
    const page = await store.archiveEntriesAfter(listId, after, PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.badReason !== null) continue;
      const kept = decodeKeptQuotes(e.threadData);
      if (kept) quoting.push(input.length);
      ids.push(e.id);
      input.push(threadInput(e, kept));
    }
    after = page[page.length - 1]!.number;
  }
  if (quoting.length > 0) await fingerprintCandidates(store, input, ids, quoting);
  const t = threadMessages(input);
  const placed = t.messages.map((m, i) => ({ id: ids[i]!, threadId: m.threadId, parentId: m.parentId, link: m.link, duplicate: m.duplicate }));
  await store.replaceArchiveThreads(listId, placed, t.ghosts);
  return t.threadCount;
}
