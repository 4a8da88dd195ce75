// The posts a quoting reply may be compared with during bulk threading: every placed post (not a
// duplicate copy), indexed by author address and name word, picked as quoteLookups() says. When
// posts arrive in date order, those older than the quote window can never be picked again and
// are dropped, so memory follows the window, not the list.
import type { Author } from '../parse/author.ts';
import { nameWords } from './quote-inference.ts';
import { quoteLookups } from './quote-candidates.ts';
import type { ThreadMessage } from './types.ts';

export interface WindowPost {
  /** The caller's row number. */
  row: number;
  /** The post's node (CompactThreadStore). */
  node: number;
  author: Author;
  date: number;
}

/** Name words are the same each time an author posts; only so many names are remembered. */
const NAME_CACHE = 4096;
/** Posting lists are swept of dropped posts (and emptied keys) after this many posts. */
const SWEEP = 4096;

/** Post numbers in increasing order; the oldest leave from the front. */
class PostList {
  private items = new Int32Array(4);
  private start = 0;
  private end = 0;

  push(p: number): void {
    if (this.end === this.items.length) {
      if (this.start >= this.items.length >> 1) {
        this.items.copyWithin(0, this.start, this.end);
        this.end -= this.start;
        this.start = 0;
      } else {
        const grown = new Int32Array(this.items.length * 2);
        grown.set(this.items.subarray(this.start, this.end));
        this.end -= this.start;
        this.start = 0;
        this.items = grown;
      }
    }
    this.items[this.end++] = p;
  }

  /** Drops posts numbered below `head`; true when none is left. */
  trim(head: number): boolean {
    while (this.start < this.end && (this.items[this.start] ?? 0) < head) this.start++;
    return this.start === this.end;
  }

  each(head: number, f: (p: number) => void): void {
    this.trim(head);
    for (let i = this.start; i < this.end; i++) f(this.items[i] ?? 0);
  }
}

export class QuoteWindow {
  /** Posts head … next − 1 are held, in a ring of `mask + 1` slots. */
  private head = 0;
  private next = 0;
  private mask = 1023;
  private dates = new Float64Array(1024);
  private rows = new Int32Array(1024);
  private nodes = new Int32Array(1024);
  private authors: Array<Author | undefined> = new Array<Author | undefined>(1024);
  private readonly byAddress = new Map<string, PostList>();
  private readonly byWord = new Map<string, PostList>();
  private readonly wordsOf = new Map<string, string[]>();

  /**
   * @param windowMs how far back a quoted post may be (quoteLookups' window)
   * @param dateOrdered posts and replies come in non-decreasing date order, so old posts may go
   */
  constructor(private readonly windowMs: number, private readonly dateOrdered: boolean) {}

  /** Posts held (those of the window when date-ordered). */
  get size(): number {
    return this.next - this.head;
  }

  add(row: number, node: number, author: Author, date: number): void {
    if (this.next - this.head > this.mask) this.grow();
    const p = this.next++;
    const s = p & this.mask;
    this.dates[s] = date;
    this.rows[s] = row;
    this.nodes[s] = node;
    this.authors[s] = author;
    if (author.address) this.list(this.byAddress, author.address.toLowerCase()).push(p);
    for (const w of this.nameWordsOf(author.name)) this.list(this.byWord, w).push(p);
    if (this.dateOrdered && p % SWEEP === SWEEP - 1) this.sweep();
  }

  /**
   * Forgets posts dated before `now` − window: quoteLookups() picks none of them for a reply
   * dated `now` or later. Only when date-ordered.
   */
  advance(now: number): void {
    if (!this.dateOrdered) return;
    const cutoff = now - this.windowMs;
    while (this.head < this.next && (this.dates[this.head & this.mask] ?? 0) < cutoff) {
      this.authors[this.head & this.mask] = undefined;
      this.head++;
    }
  }

  /**
   * The posts `m` is compared with, newest first, at most `max`: by the attribution's address or
   * name words, or near its date, within the window. Ties on the date keep the order the keys
   * found them in (addresses, then name words, then dates, newest first).
   */
  pick(m: ThreadMessage, max: number): WindowPost[] {
    const look = quoteLookups(m, this.windowMs);
    if (!look) return [];
    const picked = new Set<number>();
    const add = (p: number): void => { picked.add(p); };
    for (const a of look.addresses) this.byAddress.get(a)?.each(this.head, add);
    for (const w of look.nameWords) this.byWord.get(w)?.each(this.head, add);
    for (const [from, to] of look.dates) {
      for (let p = this.next - 1; p >= this.head; p--) {
        const d = this.date(p);
        if (d < from) break;
        if (d <= to) picked.add(p);
      }
    }
    const sorted = [...picked].filter((p) => {
      const d = this.date(p);
      return d >= look.from && d <= look.to;
    }).sort((a, b) => this.date(b) - this.date(a));
    return sorted.slice(0, max).map((p) => {
      const s = p & this.mask;
      return { row: this.rows[s] ?? 0, node: this.nodes[s] ?? 0, author: this.authors[s] ?? { name: '', address: '' }, date: this.dates[s] ?? 0 };
    });
  }

  private date(p: number): number {
    return this.dates[p & this.mask] ?? 0;
  }

  private list(map: Map<string, PostList>, key: string): PostList {
    let l = map.get(key);
    if (!l) {
      l = new PostList();
      map.set(key, l);
    }
    return l;
  }

  private nameWordsOf(name: string): string[] {
    let words = this.wordsOf.get(name);
    if (!words) {
      if (this.wordsOf.size >= NAME_CACHE) this.wordsOf.clear();
      words = [...new Set(nameWords(name))];
      this.wordsOf.set(name, words);
    }
    return words;
  }

  /** Drops gone posts from every posting list, and the lists left empty. */
  private sweep(): void {
    for (const map of [this.byAddress, this.byWord]) {
      for (const [k, l] of map) if (l.trim(this.head)) map.delete(k);
    }
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const mask = size - 1;
    const dates = new Float64Array(size);
    const rows = new Int32Array(size);
    const nodes = new Int32Array(size);
    const authors = new Array<Author | undefined>(size);
    for (let p = this.head; p < this.next; p++) {
      const from = p & this.mask;
      const to = p & mask;
      dates[to] = this.dates[from] ?? 0;
      rows[to] = this.rows[from] ?? 0;
      nodes[to] = this.nodes[from] ?? 0;
      authors[to] = this.authors[from];
    }
    this.mask = mask;
    this.dates = dates;
    this.rows = rows;
    this.nodes = nodes;
    this.authors = authors;
  }
}
