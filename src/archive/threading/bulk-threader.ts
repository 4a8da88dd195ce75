// Bulk threading one message at a time: each is placed with placeMessage over the compact node
// store, with the subject runs of the subject window and the posts of the quote window, and only
// a few numbers per message are kept for the end. A caller may stream messages (rethread.ts) or
// feed an array (bulk.ts); in date order, subjects and posts older than their window are dropped.
import { DAY } from './quote-candidates.ts';
import { CompactThreadStore, LINKS, linkCode } from './compact-store.ts';
import { placeMessage, type PlaceContext, type PlaceOptions } from './place-message.ts';
import { QuoteWindow } from './quote-window.ts';
import type { Author } from '../parse/author.ts';
import type { LinkKind, QuoteCandidate, ThreadMessage, ThreadNode } from './types.ts';

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

export interface BulkThreaderOptions extends Omit<BulkOptions, 'order'> {
  /**
   * Messages come in non-decreasing date order (checked): then subjects and posts older than
   * their windows are forgotten, as no later message could match them.
   */
  dateOrdered: boolean;
}

/** A post a quoting reply is compared with; the caller adds its fingerprint. */
export interface QuotePost {
  /** The caller's key of the post (see place()). */
  key: number;
  messageId: string;
  author: Author;
  date: Date;
}

/** Where one placed message ended up. */
export interface PlacedMessage {
  key: number;
  threadId: string;
  parentId: string | null;
  link: LinkKind;
  duplicate: boolean;
}

interface SubjectRun {
  node: number;
  first: number;
  last: number;
}

/** Subject runs are swept of those past the window after this many messages. */
const SWEEP = 4096;

type Keys = Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>;
const grownKeys = (a: Keys, n: number, wide: boolean): Keys => {
  const b = wide || a instanceof Float64Array ? new Float64Array(n) : new Uint32Array(n);
  b.set(a);
  return b;
};
const grownI32 = (a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(n);
  b.set(a);
  return b;
};

export class BulkThreader {
  private readonly nodes = new CompactThreadStore();
  private readonly subjects = new Map<string, SubjectRun>();
  private readonly quotes: QuoteWindow;
  private readonly subjectWindow: number;
  private readonly maxCandidates: number;
  private readonly placeOptions: PlaceOptions;
  private readonly inferQuotes: boolean;
  private readonly dateOrdered: boolean;
  private lastDate = -Infinity;
  /**
   * Per row (placed message, in placement order): the caller's key (32 bits while every key fits),
   * and its node, or −(d + 1) for the d-th duplicate.
   */
  private keys: Keys = new Uint32Array(1024);
  private rowNodes = new Int32Array(1024);
  private rows = 0;
  /** A duplicate copy's own node as placed: thread (an interned id), parent + 1 (0: none), link code. */
  private dupThreads = new Int32Array(16);
  private dupParents = new Int32Array(16);
  private dupLinks = new Int32Array(16);
  private dups = 0;

  constructor(options: BulkThreaderOptions) {
    const { dateOrdered, subjectWindowDays, quoteWindowDays, maxQuoteCandidates, ...place } = options;
    this.dateOrdered = dateOrdered;
    this.subjectWindow = (subjectWindowDays ?? 30) * DAY;
    this.maxCandidates = maxQuoteCandidates ?? 50;
    this.quotes = new QuoteWindow((quoteWindowDays ?? 90) * DAY, dateOrdered);
    this.placeOptions = place;
    this.inferQuotes = place.quoteInference !== false;
  }

  /** Messages placed so far. */
  get size(): number {
    return this.rows;
  }

  /**
   * The posts placing `m` would compare its quotes with (newest first), or null when `m` is not
   * compared with any (it has references, or no quotes). Ask right before place(m).
   */
  quoteCandidates(m: ThreadMessage): QuotePost[] | null {
    if (!this.inferQuotes || m.quotes.length === 0 || m.references.length > 0 || m.inReplyTo !== null) return null;
    this.advance(m.date.getTime());
    return this.quotes.pick(m, this.maxCandidates).map((p) => ({
      key: this.keys[p.row] ?? 0, messageId: this.nodes.ids.text(p.node), author: p.author, date: new Date(p.date),
    }));
  }

  /**
   * Places `m` under the caller's `key` (an entry id, an array index). `candidates` are the posts
   * quoteCandidates(m) gave that have a fingerprint, with it.
   */
  place(m: ThreadMessage, key: number, candidates: readonly QuoteCandidate[] = []): void {
    const t = m.date.getTime();
    this.advance(t);
    const ctx: PlaceContext = { known: this.nodes };
    const subject = m.baseSubject.toLowerCase();
    if (m.references.length === 0 && m.inReplyTo === null) {
      const run = subject ? this.subjects.get(subject) : undefined;
      if (run && m.isReply && t - run.last <= this.subjectWindow) ctx.subjectMatch = { messageId: this.nodes.ids.text(run.node), date: new Date(run.first) };
      if (m.quotes.length > 0 && this.inferQuotes) ctx.quoteCandidates = candidates;
    }
    const p = placeMessage(m, ctx, this.placeOptions);
    const k = this.nodes.apply(p);
    const row = this.rows++;
    if (row >= this.keys.length) {
      const n = Math.ceil(this.keys.length * 1.25);
      this.keys = grownKeys(this.keys, n, false);
      this.rowNodes = grownI32(this.rowNodes, n);
    }
    if (this.keys instanceof Uint32Array && !(Number.isInteger(key) && key >= 0 && key <= 0xffff_ffff)) this.keys = grownKeys(this.keys, this.keys.length, true);
    this.keys[row] = key;
    if (k < 0) {
      this.rowNodes[row] = -(this.keepDuplicate(p.node) + 1);
      return;
    }
    this.rowNodes[row] = k;
    if (subject) {
      const run = this.subjects.get(subject);
      if (!run || t - run.last > this.subjectWindow) this.subjects.set(subject, { node: k, first: t, last: t });
      else run.last = Math.max(run.last, t);
    }
    if (this.inferQuotes) this.quotes.add(row, k, m.author, t);
    if (this.dateOrdered && row % SWEEP === SWEEP - 1) this.sweepSubjects(t);
  }

  /** Where the `row`-th placed message is now (later placements may still move it). */
  placed(row: number): PlacedMessage {
    const n = this.rowNodes[row] ?? 0;
    const key = this.keys[row] ?? 0;
    const ids = this.nodes.ids;
    if (n < 0) {
      const d = -n - 1;
      const parent = (this.dupParents[d] ?? 0) - 1;
      return {
        key, threadId: ids.text(this.nodes.threadOf(this.dupThreads[d] ?? 0)), parentId: parent < 0 ? null : ids.text(parent),
        link: LINKS[this.dupLinks[d] ?? 0] ?? 'none', duplicate: true,
      };
    }
    const parent = this.nodes.parent(n);
    return { key, threadId: ids.text(this.nodes.threadOfNode(n)), parentId: parent < 0 ? null : ids.text(parent), link: this.nodes.link(n), duplicate: false };
  }

  /** Every placed message, in the order of their keys (entry ids: the order rows are stored in). */
  *byKey(): Generator<PlacedMessage> {
    const rows = this.rows;
    const keys = this.keys;
    let max = 0;
    for (let r = 0; r < rows && max <= Number.MAX_SAFE_INTEGER; r++) {
      const k = keys[r] ?? 0;
      max = Number.isInteger(k) && k >= 0 ? Math.max(max, k) : Infinity;
    }
    if ((max + 1) * rows <= Number.MAX_SAFE_INTEGER) {
      // Each row's key and row in one number, sorted natively in place: sorting a million rows
      // with a comparator held about 22 MB more at once, at the import's peak of memory.
      const coded = new Float64Array(rows);
      for (let r = 0; r < rows; r++) coded[r] = (keys[r] ?? 0) * rows + r;
      coded.sort();
      for (const v of coded) yield this.placed(v - Math.floor(v / rows) * rows);
      return;
    }
    const order = new Uint32Array(this.rows);
    for (let r = 0; r < this.rows; r++) order[r] = r;
    order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
    for (const r of order) yield this.placed(r);
  }

  /** Ghost nodes (missing messages that others reference) with their final thread ids. */
  ghosts(): Generator<ThreadNode> {
    return this.nodes.ghosts();
  }

  /** Distinct threads of the placed messages. */
  threadCount(): number {
    const seen = new Uint8Array(this.nodes.size);
    let n = 0;
    for (let r = 0; r < this.rows; r++) {
      const k = this.rowNodes[r] ?? 0;
      const t = k >= 0 ? this.nodes.threadOfNode(k) : this.nodes.threadOf(this.dupThreads[-k - 1] ?? 0);
      if (seen[t] === 0) {
        seen[t] = 1;
        n++;
      }
    }
    return n;
  }

  private advance(t: number): void {
    if (!this.dateOrdered) return;
    if (!(t >= this.lastDate)) throw new Error('bulk threading: messages are not in date order');
    this.lastDate = t;
    this.quotes.advance(t);
  }

  private keepDuplicate(n: ThreadNode): number {
    const d = this.dups++;
    if (d >= this.dupThreads.length) {
      const size = this.dupThreads.length * 2;
      this.dupThreads = grownI32(this.dupThreads, size);
      this.dupParents = grownI32(this.dupParents, size);
      this.dupLinks = grownI32(this.dupLinks, size);
    }
    this.dupThreads[d] = this.nodes.intern(n.threadId);
    this.dupParents[d] = n.parentId === null ? 0 : this.nodes.intern(n.parentId) + 1;
    this.dupLinks[d] = linkCode(n.link);
    return d;
  }

  /** Forgets subject runs that no message from `t` on could join. */
  private sweepSubjects(t: number): void {
    for (const [s, run] of this.subjects) if (t - run.last > this.subjectWindow) this.subjects.delete(s);
  }
}
