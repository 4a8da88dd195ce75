// Worker threads that prepare imported messages (parse, extract, compress) while the importing
// thread writes earlier batches to the store: on two cores the import's parsing and its database
// writes run side by side instead of one after the other. A batch's bytes are moved to the worker,
// not kept: when a worker fails its batches fail, and the import stops with that error (run again,
// it resumes after what it stored).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MailingList } from '../../../domain/list.ts';
import { inlinePreparer, type PreparedMessage, type PrepareItem, type Preparer } from './prepare-message.ts';
import { fromResponse, toRequest, type PrepareResponse } from './wire.ts';

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

class PoolWorker {
  readonly pending = new Map<number, Task>();
  private failed = false;
  private closing = false;
  private readonly worker: Worker;

  constructor(start: { target: string | URL; evalCode: boolean }) {
    // Small heap limits: the worker's garbage is short-lived parse output, and V8's defaults (tens
    // of MB of semi-spaces, an old generation allowed to grow to gigabytes before it must collect)
    // would sit in the import's resident memory for nothing. Batches are cut at 16 MB and very
    // large messages are prepared on the importing thread (below), so 96 MB is ample.
    this.worker = new Worker(start.target, { eval: start.evalCode, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } });
    this.worker.unref();
    this.worker.on('message', (r: PrepareResponse) => {
      const task = this.pending.get(r.id);
      if (!task) return;
      this.pending.delete(r.id);
      if (r.ok) task.resolve(fromResponse(r));
      else task.reject(new Error(`preparing messages failed: ${r.error}`));
    });
    this.worker.on('error', (e) => this.fail(new Error(`an import worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => { if (!this.closing) this.fail(new Error(`an import worker exited (code ${code})`)); });
  }

  get usable(): boolean {
    return !this.failed;
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

/** A pool of `size` workers, or null when workers cannot be started from here. */
export function startPreparePool(size: number): Preparer | null {
  const start = workerStart();
  if (!start || size < 1) return null;
  const workers = Array.from({ length: size }, () => new PoolWorker(start));
  let nextId = 0;
  return {
    prepare(list, now, items) {
      if (items.some((i) => i.raw.length > LARGE)) return inlinePreparer.prepare(list, now, items);
      return new Promise<PreparedMessage[]>((resolve, reject) => {
        const w = workers.reduce((a, b) => (b.usable && (!a.usable || b.pending.size < a.pending.size) ? b : a));
        w.send(nextId++, { resolve, reject }, list, now, items);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
