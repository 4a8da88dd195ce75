// Worker threads that prepare imported messages (parse, extract, compress) while the importing
// thread writes earlier batches to the store: on two cores the import's parsing and its database
// writes run side by side instead of one after the other. A batch's bytes are moved to the worker,
// not kept: when a worker fails its batches fail, and the import stops with that error (run again,
// it resumes after what it stored).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MailingList } from '../../../domain/list.ts';
import { inlinePreparer, prepareBatch, type PreparedMessage, type PrepareItem, type Preparer } from './prepare-message.ts';
import { fromResponse, toRequest, type PrepareReady, type PrepareResponse } from './wire.ts';

/** Batches holding a message this big are prepared on the importing thread, whose heap is not capped. */
const LARGE = 8 << 20;

/** File name of the worker in the bundle `bin/caucus.js` builds, beside the main bundle. */
export const BUNDLED_WORKER = 'archive-prepare-worker.mjs';

interface Task {
  resolve: (r: PreparedMessage[]) => void;
  reject: (e: Error) => void;
}

/** How to start a worker from where this module runs: the bundle, or the sources through tsx. */
function workerStart(): { target: string | URL; evalCode: boolean } | null {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    const url = new URL(`./${BUNDLED_WORKER}`, here);
    return existsSync(fileURLToPath(url)) ? { target: url, evalCode: false } : null;
  }
  try {
    // Worker threads do not inherit the loader hooks that compile TypeScript: register them first.
    const api = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./prepare-worker.ts', here).href;
    return { target: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, evalCode: true };
  } catch {
    return null;
  }
}

/** Batches a worker holds at once: one it prepares and one waiting, so it never waits for the next. */
const AT_WORKER = 2;

class PoolWorker {
  readonly pending = new Map<number, Task>();
  /** Whether the worker has loaded its code and said so: until then batches wait on this side. */
  ready = false;
  private failed = false;
  private closing = false;
  private readonly worker: Worker;

  constructor(start: { target: string | URL; evalCode: boolean }, onAnswer: () => void) {
    // Small heap limits: the worker's garbage is short-lived parse output, and V8's defaults (tens
    // of MB of semi-spaces, an old generation allowed to grow to gigabytes before it must collect)
    // would sit in the import's resident memory for nothing. Batches are cut at 16 MB and very
    // large messages are prepared on the importing thread (below), so 96 MB is ample.
    this.worker = new Worker(start.target, { eval: start.evalCode, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } });
    this.worker.unref();
    this.worker.on('message', (r: PrepareResponse | PrepareReady) => {
      if ('ready' in r) {
        this.ready = true;
        onAnswer();
        return;
      }
      const task = this.pending.get(r.id);
      if (!task) return;
      this.pending.delete(r.id);
      if (r.ok) task.resolve(fromResponse(r));
      else task.reject(new Error(`preparing messages failed: ${r.error}`));
      onAnswer();
    });
    this.worker.on('error', (e) => this.fail(new Error(`an import worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => { if (!this.closing) this.fail(new Error(`an import worker exited (code ${code})`)); });
  }

  get usable(): boolean {
    return !this.failed;
  }

  /** Whether a batch sent now would be taken up soon. */
  get hasRoom(): boolean {
    return this.ready && this.pending.size < AT_WORKER;
  }

  send(id: number, task: Task, list: MailingList, now: Date, items: readonly PrepareItem[]): void {
    if (this.failed) return task.reject(new Error('an import worker failed earlier'));
    this.pending.set(id, task);
    const request = toRequest(id, list, now, items);
    this.worker.postMessage(request, [request.bytes]);
  }

  private fail(e: Error): void {
    this.failed = true;
    for (const t of this.pending.values()) t.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.failed = true;
    await this.worker.terminate();
  }
}

interface Waiting extends Task {
  list: MailingList;
  now: Date;
  items: readonly PrepareItem[];
}

/**
 * A pool of `size` workers, or null when workers cannot be started from here. Batches wait here
 * until a worker is up and has room (AT_WORKER), so that a calling thread with nothing else to do
 * can take the oldest waiting batch and prepare it itself (helpOne) instead of waiting for the
 * workers: while they start, and whenever they fall behind.
 */
export function startPreparePool(size: number): Preparer | null {
  const start = workerStart();
  if (!start || size < 1) return null;
  const waiting: Waiting[] = [];
  let nextId = 0;
  const pump = (): void => {
    while (waiting.length > 0) {
      const usable = workers.filter((w) => w.usable);
      // With every worker failed, the next one sent is rejected at once (and so are the rest).
      const w = usable.length === 0 ? workers[0] : usable.filter((x) => x.hasRoom).reduce<PoolWorker | undefined>((a, b) => (!a || b.pending.size < a.pending.size ? b : a), undefined);
      if (!w) return;
      const q = waiting.shift()!;
      w.send(nextId++, { resolve: q.resolve, reject: q.reject }, q.list, q.now, q.items);
    }
  };
  const workers: PoolWorker[] = Array.from({ length: size }, () => new PoolWorker(start, pump));
  return {
    prepare(list, now, items) {
      if (items.some((i) => i.raw.length > LARGE)) return inlinePreparer.prepare(list, now, items);
      return new Promise<PreparedMessage[]>((resolve, reject) => {
        waiting.push({ list, now, items, resolve, reject });
        pump();
      });
    },
    helpOne() {
      const q = waiting.shift();
      if (!q) return false;
      try {
        q.resolve(prepareBatch(q.list, q.now, q.items));
      } catch (e) {
        q.reject(e instanceof Error ? e : new Error(String(e)));
      }
      return true;
    },
    async close() {
      for (const q of waiting.splice(0)) q.reject(new Error('the import stopped'));
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
