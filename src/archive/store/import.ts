// Bulk import of a list's old archive: messages are streamed and stored in batches (one
// transaction each, so an interrupted import resumes where it stopped), exact copies already held
// are skipped by SHA-256 (taken while preparing, or before it once copies have been seen), and
// rows stay hidden until the whole import is threaded and published.
// Batches are prepared (parsed, compressed) by worker threads ahead of the batch being written.
import { availableParallelism } from 'node:os';
import type { MailingList } from '../../domain/list.ts';
import type { NewArchiveEntry, Store } from '../../store/types.ts';
import type { RawMessage } from '../readers/raw-message.ts';
import { newEntry, sha256Hex } from './entry.ts';
import { inlinePreparer, type PreparedMessage, type PrepareItem, type Preparer } from './prepare/prepare-message.ts';
import { startPreparePool } from './prepare/prepare-pool.ts';
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
  /**
   * Worker threads preparing batches (default: one less than the CPUs, at most 4; 0 prepares on
   * this thread). Workers start once the input holds 100 messages or a megabyte: tiny imports
   * never pay for starting them. This thread prepares batches too while the workers are busy.
   */
  threads?: number;
  /**
   * Workers already started by the caller (startPreparePool), used from the first batch and closed
   * when the import ends: a command that knows its input is big starts them while it opens the
   * store, so that they have loaded their code when the first batch is cut.
   */
  preparer?: Preparer;
  /**
   * Asks the runtime for a full garbage collection; called after every 32 MB of input, and (when the
   * input was bigger than that) before threading and before writing the threads. Input chunks and
   * batch buffers live long enough to reach V8's old generation, where they would otherwise wait
   * for a collection V8 starts only once tens of megabytes of them have piled up outside its heap.
   */
  reclaim?: () => void;
  /** Input bytes between two calls of `reclaim` (default 32 MB). */
  reclaimEvery?: number;
}

interface Batch {
  fromLines: Array<string | null>;
  /** Digests taken before preparing (checked copies), else empty: preparing takes them. */
  shas: string[];
  prepared: Promise<PreparedMessage[]>;
  /** Set once `prepared` settles (seen after the event loop has turned). */
  settled: boolean;
}

/** Messages per chunk handed to a preparer (at most the transaction size). */
const PREPARE_CHUNK = 125;

/** Messages read before the preparing workers are started. */
const START_WORKERS_AFTER = 100;
/**
 * Rows added before the store first takes statistics of them, again each time that many more have
 * doubled: on PostgreSQL a planner that has none for a growing table reads every row of the list to
 * find a batch's 500 digests (43 ms a batch at 100,000 rows, and growing). Fewer rows written (a
 * small import, a small list reindexed) are left to autovacuum: vacuuming and analysing the
 * archive's tables takes seconds (1.3 s after 100,000 messages), sampling them whatever was written.
 */
export const STATISTICS_FROM = 5_000;

/** Lets the event loop take pending events (a worker's answer) before looking again. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function defaultImportThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

export async function importArchive(store: Store, list: MailingList, messages: AsyncIterable<RawMessage>, opts: ImportOptions): Promise<ImportSummary> {
  const size = opts.batchSize ?? 500;
  const threads = opts.threads ?? defaultImportThreads();
  const counts: ImportCounts = { read: 0, added: 0, skipped: 0, bad: 0 };
  let pool: Preparer | null = opts.preparer ?? null;
  let preparer: Preparer = pool ?? inlinePreparer;
  // Batches being prepared, oldest first; digests taken before preparing count as held until
  // their batch is written.
  const inFlight: Batch[] = [];
  const pendingDigests = new Set<string>();
  // Exact copies are found when a batch is written, by the digests its preparation took (off this
  // thread). Once some are found (an import run again or resumed), digests are also taken here
  // before preparing, so that copies are not prepared for nothing.
  let checkFirst = false;
  let statisticsAt = STATISTICS_FROM;
  // Input is prepared in chunks smaller than a transaction, so that the workers and this thread
  // share the work finely (the first chunk is ready sooner, the last ones are spread); consecutive
  // prepared chunks are written together, up to `size` messages per transaction.
  const chunk = Math.max(1, Math.min(size, PREPARE_CHUNK));
  // Chunks prepared ahead of the one being written: two transactions' worth per worker, and two more
  // waiting that this thread prepares itself rather than wait while the workers are busy.
  const depth = Math.ceil(((2 * Math.max(1, threads) + 2) * size) / chunk);

  const writeOldest = async (): Promise<void> => {
    const first = inFlight.shift();
    if (!first) return;
    if (preparer.helpOne) {
      await turn();
      while (!first.settled && preparer.helpOne()) await turn();
    }
    const group = [first];
    let n = first.fromLines.length;
    for (let next = inFlight[0]; next?.settled && n + next.fromLines.length <= size; next = inFlight[0]) {
      group.push(inFlight.shift()!);
      n += next.fromLines.length;
    }
    const prepared: PreparedMessage[] = [];
    const fromLines: Array<string | null> = [];
    for (const b of group) {
      prepared.push(...(await b.prepared));
      fromLines.push(...b.fromLines);
    }
    const held = await store.archiveHasDigests(list.id, prepared.map((p) => p.sha256));
    const entries: NewArchiveEntry[] = [];
    prepared.forEach((p, i) => {
      if (held.has(p.sha256)) {
        counts.skipped++;
        return;
      }
      held.add(p.sha256);
      entries.push(newEntry(list, p, { sha256: p.sha256, fromLine: fromLines[i] ?? null, hidden: true, rawId: null, stored: p.stored }));
    });
    if (entries.length < prepared.length) checkFirst = true;
    for (const e of entries) if (e.badReason !== null) counts.bad++;
    if (entries.length > 0) await store.addArchiveEntries(entries);
    for (const b of group) for (const sha of b.shas) pendingDigests.delete(sha);
    counts.added += entries.length;
    if (counts.added >= statisticsAt) {
      statisticsAt = 2 * counts.added;
      await store.refreshArchiveStatistics({ vacuum: false });
    }
    opts.onProgress?.({ ...counts });
  };

  const dispatch = async (batch: RawMessage[]): Promise<void> => {
    let items: PrepareItem[] = batch.map((m) => ({ raw: m.raw, fromLine: m.fromLine ?? null }));
    const shas: string[] = [];
    if (checkFirst) {
      const digests = batch.map((m) => sha256Hex(m.raw));
      const held = await store.archiveHasDigests(list.id, digests);
      items = items.filter((_, i) => {
        const sha = digests[i]!;
        if (held.has(sha) || pendingDigests.has(sha)) {
          counts.skipped++;
          return false;
        }
        pendingDigests.add(sha);
        shas.push(sha);
        return true;
      });
    }
    if (items.length === 0) {
      opts.onProgress?.({ ...counts });
      return;
    }
    const prepared = preparer.prepare(list, opts.now(), items);
    const b: Batch = { fromLines: items.map((i) => i.fromLine), shas, prepared, settled: false };
    // Awaited in order by writeOldest; a failure is seen there, not as an unhandled rejection.
    prepared.then(() => { b.settled = true; }, () => { b.settled = true; });
    inFlight.push(b);
    while (inFlight.length >= depth) await writeOldest();
  };

  let batch: RawMessage[] = [];
  let sinceReclaim = 0;
  let inputBytes = 0;
  let batchBytes = 0;
  const reclaimEvery = opts.reclaimEvery ?? 32 << 20;
  try {
    for await (const m of messages) {
      counts.read++;
      batch.push(m);
      sinceReclaim += m.raw.length;
      inputBytes += m.raw.length;
      batchBytes += m.raw.length;
      if (opts.reclaim && sinceReclaim >= reclaimEvery) {
        sinceReclaim = 0;
        opts.reclaim();
      }
      // Workers start once the input holds more than a few messages, so that they load their code
      // while this thread reads and prepares the first chunk; a tiny import never starts them.
      if (!pool && threads > 0 && (counts.read === START_WORKERS_AFTER || inputBytes >= 1 << 20)) {
        pool = startPreparePool(threads) ?? inlinePreparer;
        preparer = pool;
      }
      // A batch is also cut at 16 MB, which bounds what a worker holds at once whatever the mail.
      if (batch.length >= chunk || batchBytes >= 16 << 20) {
        batchBytes = 0;
        await dispatch(batch);
        batch = [];
      }
    }
    if (batch.length) await dispatch(batch);
    while (inFlight.length) await writeOldest();
  } finally {
    await pool?.close();
  }
  // Input smaller than one reclaim interval left nothing worth a full collection behind it.
  const reclaim = inputBytes >= reclaimEvery ? opts.reclaim : undefined;
  reclaim?.();
  // Rethreading pages through the list's rows by date: on PostgreSQL, with no statistics for the
  // rows just written, each page sorted every row after it.
  const bulk = counts.added >= STATISTICS_FROM;
  if (bulk) await store.refreshArchiveStatistics({ vacuum: false });
  // Placing shows the new rows in the same write; publishing then shows those no thread holds
  // (messages that could not be parsed).
  const threaded = await rethreadList(store, list.id, { publish: true, ...(reclaim ? { reclaim } : {}) });
  const published = threaded.published + (await store.publishArchive(list.id));
  if (bulk) await store.refreshArchiveStatistics();
  return { ...counts, threads: threaded.threads, published };
}
