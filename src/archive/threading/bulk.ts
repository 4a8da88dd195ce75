// Threads a whole import at once: messages are placed one by one in date order with
// placeMessage (bulk-threader.ts), over compact in-memory indexes (Message-ID → node, subject →
// first post, author → posts) that play the part the store plays for a live list.
import { BulkThreader, type BulkOptions } from './bulk-threader.ts';
import type { LinkKind, QuoteCandidate, ThreadMessage, ThreadNode } from './types.ts';

export type { BulkOptions } from './bulk-threader.ts';

export interface BulkThreadMessage extends ThreadMessage {
  /**
   * The message's overview fingerprint (overviewFingerprint() of its text); needed for it to be
   * found as a quoted parent. Rethread, which keeps none, computes the same from the indexed text
   * of just the posts picked as candidates (store/rethread.ts).
   */
  fingerprint?: Uint32Array;
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

/** Threads `messages`; see the file comment. */
export function threadMessages(messages: readonly BulkThreadMessage[], options: BulkOptions = {}): BulkThreads {
  const { order: how, ...rest } = options;
  const time = (i: number): number => messages[i]?.date.getTime() ?? 0;
  const order = messages.map((_, i) => i);
  if (how !== 'input') order.sort((a, b) => time(a) - time(b) || a - b);
  // Windows may forget old messages only when dates really do not go down (no invalid date).
  const dateOrdered = how !== 'input' && order.every((i, x) => Number.isFinite(time(i)) && (x === 0 || time(i) >= time(order[x - 1] ?? i)));
  const threader = new BulkThreader({ ...rest, dateOrdered });
  for (const i of order) {
    const m = messages[i];
    if (!m) continue;
    const candidates: QuoteCandidate[] = [];
    for (const c of threader.quoteCandidates(m) ?? []) {
      const fingerprint = messages[c.key]?.fingerprint;
      if (fingerprint) candidates.push({ messageId: c.messageId, author: c.author, date: c.date, fingerprint });
    }
    threader.place(m, i, candidates);
  }
  const out: ThreadedMessage[] = messages.map(() => ({ threadId: '', parentId: null, link: 'none', duplicate: false }));
  for (let r = 0; r < threader.size; r++) {
    const { key, threadId, parentId, link, duplicate } = threader.placed(r);
    out[key] = { threadId, parentId, link, duplicate };
  }
  return { messages: out, ghosts: [...threader.ghosts()], threadCount: threader.threadCount() };
}
