// Message-IDs interned to dense integers for bulk threading. The UTF-8 bytes of each id live in
// 1 MiB buffers outside the JS heap, found again through an open-addressing table of 32-bit
// hashes: a million ids take about 50 MB, a third of what a Map<string, number> with them takes.

const CHUNK = 1 << 20;
/** Longer ids (hostile headers) are kept as strings: they would waste a chunk's tail. */
const LONG = 4096;
/** `start` of an id kept as a string (long, or with a lone surrogate UTF-8 cannot carry). */
const AS_STRING = 0xffff_ffff;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MAX_LOAD = 0.7;

export class MessageIdTable {
  private readonly chunks: Buffer[] = [];
  /** Bytes used in the last chunk (CHUNK: none yet, so the first id opens one). */
  private used = CHUNK;
  /** Per id: position of its bytes (chunk * CHUNK + offset), byte length (at most LONG), hash. */
  private start = new Uint32Array(1024);
  private length = new Uint16Array(1024);
  private hashes = new Uint32Array(1024);
  private readonly long = new Map<number, string>();
  /** Open addressing, linear probing: id + 1, 0 for an empty slot. */
  private slots = new Int32Array(2048);
  private count = 0;
  private scratch = Buffer.allocUnsafe(1024);
  /** The id last encoded has a lone surrogate: its bytes stand for other strings too. */
  private odd = false;

  /** Number of ids interned; they are 0 … size − 1. */
  get size(): number {
    return this.count;
  }

  /** The id's number, or −1 when it was never interned. */
  find(id: string): number {
    const len = this.encode(id);
    const h = this.hashScratch(len);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = (this.slots[s] ?? 0) - 1;
      if (k < 0) return -1;
      if (this.hashes[k] === h && this.matches(k, id, len)) return k;
    }
  }

  /** The id's number, interning it when new. */
  intern(id: string): number {
    const len = this.encode(id);
    const h = this.hashScratch(len);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const k = (this.slots[s] ?? 0) - 1;
      if (k < 0) break;
      if (this.hashes[k] === h && this.matches(k, id, len)) return k;
    }
    const k = this.count;
    if (k >= this.start.length) this.growIds();
    this.hashes[k] = h;
    this.length[k] = Math.min(len, LONG + 1);
    if (len > LONG || this.odd) {
      this.start[k] = AS_STRING;
      this.long.set(k, id);
    } else {
      this.store(k, len);
    }
    this.count = k + 1;
    // The rehash places every id, this one too.
    if (this.count > this.slots.length * MAX_LOAD) this.rehash();
    else this.slots[s] = k + 1;
    return k;
  }

  /** The id numbered `k`. */
  text(k: number): string {
    const len = this.length[k] ?? 0;
    const at = this.start[k] ?? 0;
    if (at === AS_STRING) return this.long.get(k) ?? '';
    const chunk = this.chunks[Math.floor(at / CHUNK)];
    const off = at % CHUNK;
    return chunk ? chunk.toString('utf8', off, off + len) : '';
  }

  /** UTF-8 bytes of `id` into the scratch buffer; returns their number. */
  private encode(id: string): number {
    if (id.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(id.length * 3);
    const len = this.scratch.write(id, 0, 'utf8');
    this.odd = len !== id.length && LONE_SURROGATE.test(id);
    return len;
  }

  /** FNV-1a of the scratch bytes. */
  private hashScratch(len: number): number {
    const b = this.scratch;
    let h = FNV_OFFSET;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ (b[i] ?? 0), FNV_PRIME);
    return h >>> 0;
  }

  private matches(k: number, id: string, len: number): boolean {
    const at = this.start[k] ?? 0;
    if (at === AS_STRING) return this.long.get(k) === id;
    if (this.odd || this.length[k] !== len) return false;
    const chunk = this.chunks[Math.floor(at / CHUNK)];
    const off = at % CHUNK;
    return chunk !== undefined && this.scratch.compare(chunk, off, off + len, 0, len) === 0;
  }

  private store(k: number, len: number): void {
    if (this.used + len > CHUNK) {
      // Positions are kept in 32 bits: 4 GiB of Message-IDs, some hundred million messages.
      if ((this.chunks.length + 1) * CHUNK >= AS_STRING) throw new Error('too many Message-IDs to thread at once');
      this.chunks.push(Buffer.allocUnsafe(CHUNK));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    this.scratch.copy(chunk, this.used, 0, len);
    this.start[k] = (this.chunks.length - 1) * CHUNK + this.used;
    this.used += len;
  }

  /** By a quarter: a million ids leave little unused room. */
  private growIds(): void {
    const n = Math.ceil(this.start.length * 1.25);
    const start = new Uint32Array(n);
    start.set(this.start);
    this.start = start;
    const length = new Uint16Array(n);
    length.set(this.length);
    this.length = length;
    const hashes = new Uint32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let s = (this.hashes[k] ?? 0) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = k + 1;
    }
    this.slots = slots;
  }
}
