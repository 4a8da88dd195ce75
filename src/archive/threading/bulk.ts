// Threads a whole import at once: messages are placed one by one in date order with
// placeMessage, over in-memory indexes (Message-ID → node, subject → first post, author → posts)
// that play the part the store plays for a live list (MemoryThreadStore).
import type { Author } from '../parse/author.ts';
import { nameWords } from './quote-inference.ts';
import { DAY, quoteLookups } from './quote-candidates.ts';
import { placeMessage, type PlaceContext, type PlaceOptions } from './place-message.ts';
import { MemoryThreadStore } from './memory-store.ts';
import type { LinkKind, QuoteCandidate, ThreadMessage, ThreadNode } from './types.ts';

export interface BulkThreadMessage extends ThreadMessage {
  /**
   * textFingerprint() of the message's text (or only its shingles that some quote shares, see
   * sharedWithQuotes); needed for it to be found as a quoted parent.
   */
  fingerprint?: Uint32Array;
}

export interface BulkOptions extends PlaceOptions {
  /** Place messages by date (default) or in the order given. */
  order?: 'date' | 'input';
  /** A reply joins a subject's thread only while that subject was last seen within this many days (default 30). */
  subjectWindowDays?: number;
  /** How far back a quoted parent may be (default 90 days). */
  quoteWindowDays?: number;
  /** At most this many candidates are compared per reply (default 50, the most recent). */
  maxQuoteCandidates?: number;
}

export interface ThreadedMessage {
  threadId: string;
  parentId: string | null;
  link: LinkKind;
  duplicate: boolean;
}

export interface BulkThreads {
  /** One entry per input message, in input order. */
  messages: ThreadedMessage[];
  /** Ghost nodes (missing messages that others reference) with their final thread ids. */
  ghosts: ThreadNode[];
  threadCount: number;
}

interface SubjectRun {
  messageId: string;
  first: number;
  last: number;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Threads `messages`; see the file comment. */
export function threadMessages(messages: readonly BulkThreadMessage[], options: BulkOptions = {}): BulkThreads {
  const subjectWindow = (options.subjectWindowDays ?? 30) * DAY;
  const quoteWindow = (options.quoteWindowDays ?? 90) * DAY;
  const maxCandidates = options.maxQuoteCandidates ?? 50;
  const store = new MemoryThreadStore();
  const placed: Array<ThreadNode | undefined> = new Array<ThreadNode | undefined>(messages.length);
  const duplicates = new Set<number>();
  const subjects = new Map<string, SubjectRun>();
  const byAddress = new Map<string, number[]>();
  const byNameWord = new Map<string, number[]>();
  const byDate: number[] = []; // indices placed so far, in placement order

  const order = messages.map((_, i) => i);
  if (options.order !== 'input') order.sort((a, b) => (messages[a]?.date.getTime() ?? 0) - (messages[b]?.date.getTime() ?? 0) || a - b);

  const candidatesFor = (m: BulkThreadMessage, self: number): QuoteCandidate[] => {
    const look = quoteLookups(m, quoteWindow);
    if (!look) return [];
    const picked = new Set<number>();
    for (const a of look.addresses) for (const j of byAddress.get(a) ?? []) picked.add(j);
    for (const w of look.nameWords) for (const j of byNameWord.get(w) ?? []) picked.add(j);
    for (const [from, to] of look.dates) {
      for (let x = byDate.length - 1; x >= 0; x--) {
        const j = byDate[x] ?? 0;
        const d = messages[j]?.date.getTime() ?? 0;
        if (d < from) break;
        if (d <= to) picked.add(j);
      }
    }
    const out: QuoteCandidate[] = [];
    const sorted = [...picked].filter((j) => {
      const d = messages[j]?.date.getTime() ?? 0;
      return j !== self && !duplicates.has(j) && d >= look.from && d <= look.to;
    }).sort((a, b) => (messages[b]?.date.getTime() ?? 0) - (messages[a]?.date.getTime() ?? 0));
    for (const j of sorted.slice(0, maxCandidates)) {
      const c = messages[j];
      if (c?.fingerprint) out.push({ messageId: c.messageId, author: c.author, date: c.date, fingerprint: c.fingerprint });
    }
    return out;
  };

  const indexAuthor = (author: Author, i: number): void => {
    if (author.address) push(byAddress, author.address.toLowerCase(), i);
    for (const w of new Set(nameWords(author.name))) push(byNameWord, w, i);
  };

  for (const i of order) {
    const m = messages[i];
    if (!m) continue;
    const ctx: PlaceContext = { known: store };
    const key = m.baseSubject.toLowerCase();
    if (m.references.length === 0 && m.inReplyTo === null) {
      const run = key ? subjects.get(key) : undefined;
      if (run && m.isReply && m.date.getTime() - run.last <= subjectWindow) ctx.subjectMatch = { messageId: run.messageId, date: new Date(run.first) };
      if (m.quotes.length > 0 && options.quoteInference !== false) ctx.quoteCandidates = candidatesFor(m, i);
    }
    const p = placeMessage(m, ctx, options);
    placed[i] = store.apply(p);
    if (p.duplicate) {
      duplicates.add(i);
      continue;
    }
    const t = m.date.getTime();
    if (key) {
      const run = subjects.get(key);
      if (!run || t - run.last > subjectWindow) subjects.set(key, { messageId: m.messageId, first: t, last: t });
      else run.last = Math.max(run.last, t);
    }
    indexAuthor(m.author, i);
    byDate.push(i);
  }

  const threads = new Set<string>();
  const out: ThreadedMessage[] = messages.map((_, i) => {
    const n = placed[i];
    const threadId = store.threadOf(n?.threadId ?? '');
    threads.add(threadId);
    return { threadId, parentId: n?.parentId ?? null, link: n?.link ?? 'none', duplicate: duplicates.has(i) };
  });
  return { messages: out, ghosts: store.ghosts(), threadCount: threads.size };
}
