// Threads a whole list's archive again (after an import, or by reindex): the rows threading needs
// are streamed from the store in placement order (date, then number) and placed one by one
// (threading/bulk-threader.ts), then every placement and ghost is written in one transaction, a
// chunk at a time. Memory follows the number of messages by a few dozen bytes each (their
// interned Message-IDs and placements), not their headers. Quote inference reads the indexed
// text of just the posts a quoting reply is compared with, and remembers the latest fingerprints.
import type { ArchiveThreadCursor, ArchiveThreadPlacement, ArchiveThreadRow, Store } from '../../store/types.ts';
import { overviewFingerprint } from '../overview.ts';
import { decodeKeptQuotes } from '../quotes/kept-quotes-read.ts';
import { BulkThreader, type PlacedMessage, type QuotePost } from '../threading/bulk-threader.ts';
import type { QuoteCandidate, ThreadMessage } from '../threading/types.ts';

export interface RethreadOptions {
  /** Rows read per query (default 500). */
  pageSize?: number;
  /** Fingerprints of posts remembered between quoting replies (default 4096). */
  fingerprints?: number;
  /** A full garbage collection (ImportOptions.reclaim), asked for every 50,000 rows and before writing. */
  reclaim?: () => void;
  /** Shows the list's hidden rows as they are placed (ArchiveThreadsOptions.publish). */
  publish?: boolean;
}

const NO_QUOTES: readonly never[] = [];

function threadInput(r: ArchiveThreadRow): ThreadMessage {
  const kept = decodeKeptQuotes(r.threadData);
  return {
    messageId: r.messageId, inReplyTo: r.inReplyTo, references: r.references, date: r.date, baseSubject: r.baseSubject,
    isReply: r.isReply, author: { name: r.authorName, address: r.authorAddress },
    quotes: kept?.quotes ?? NO_QUOTES, attribution: kept?.attribution ?? null,
  };
}

/**
 * The placements as the store takes them: the threader's keys are entry ids. The store writes them
 * as it reads them, statement after statement: `reclaim` runs every 100,000, while the threader's
 * whole forest is still held (the import's peak of memory).
 */
function* asPlacements(placed: Iterable<PlacedMessage>, reclaim?: () => void): Generator<ArchiveThreadPlacement> {
  let n = 0;
  for (const { key, threadId, parentId, link, duplicate } of placed) {
    if (reclaim && ++n % 100_000 === 0) reclaim();
    yield { id: key, threadId, parentId, link, duplicate };
  }
}

/**
 * Fingerprints of posts by entry id, the most recently used kept. Replies quote recent posts, so
 * the posts one quoting reply is compared with are mostly those the last ones were.
 */
class Fingerprints {
  /** Entry id → fingerprint, or null when the search index holds no text for it; oldest use first. */
  private readonly known = new Map<number, Uint32Array | null>();

  constructor(private readonly store: Store, private readonly max: number) {}

  /** `posts` with their fingerprints; those without text are left out. */
  async of(posts: readonly QuotePost[]): Promise<QuoteCandidate[]> {
    const missing = posts.filter((p) => !this.known.has(p.key)).map((p) => p.key);
    if (missing.length > 0) {
      const texts = new Map((await this.store.archiveIndexedTexts(missing)).map(({ id, text }) => [id, text]));
      for (const id of missing) {
        const text = texts.get(id);
        this.known.set(id, text === undefined ? null : overviewFingerprint(text));
      }
    }
    const out: QuoteCandidate[] = [];
    for (const p of posts) {
      const fingerprint = this.known.get(p.key) ?? null;
      this.known.delete(p.key);
      this.known.set(p.key, fingerprint);
      if (fingerprint) out.push({ messageId: p.messageId, author: p.author, date: p.date, fingerprint });
    }
    for (const id of this.known.keys()) {
      if (this.known.size <= this.max) break;
      this.known.delete(id);
    }
    return out;
  }
}

/** Rebuilds the thread forest of one list; returns the number of threads. */
export interface RethreadSummary {
  threads: number;
  /** Rows shown by the placing (RethreadOptions.publish). */
  published: number;
}

export async function rethreadList(store: Store, listId: number, options: RethreadOptions = {}): Promise<RethreadSummary> {
  const pageSize = options.pageSize ?? 500;
  const threader = new BulkThreader({ dateOrdered: true });
  const fingerprints = new Fingerprints(store, options.fingerprints ?? 4096);
  let sinceReclaim = 0;
  for (let after: ArchiveThreadCursor | null = null; ;) {
    const page = await store.archiveThreadRows(listId, after, pageSize);
    sinceReclaim += page.length;
    if (options.reclaim && sinceReclaim >= 50_000) {
      sinceReclaim = 0;
      options.reclaim();
    }
    for (const row of page) {
      const m = threadInput(row);
      const posts = threader.quoteCandidates(m);
      threader.place(m, row.id, posts && posts.length > 0 ? await fingerprints.of(posts) : []);
    }
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    after = { date: last.date, number: last.number };
  }
  options.reclaim?.();
  const { published } = await store.replaceArchiveThreads(listId, asPlacements(threader.byKey(), options.reclaim), threader.ghosts(), { publish: options.publish === true });
  return { threads: threader.threadCount(), published };
}
