// Worker threads that prepare imported messages (parse, extract, compress) while the importing
// thread writes earlier batches to the store: on two cores the import's parsing and its database
// writes run side by side instead of one after the other. A worker that fails hands its batches
// back to the calling thread, so a broken pool slows an import down but never loses a message.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MailingList } from '../../../domain/list.ts';
import { inlinePreparer, type PreparedMessage, type PrepareItem, type Preparer } from './prepare-message.ts';
import { fromResponse, toRequest, type PrepareResponse } from './wire.ts';

/** File name of the worker in the bundle `bin/caucus.js` builds, beside the main bundle. */
export const BUNDLED_WORKER = 'archive-prepare-worker.mjs';

interface Task {
  list: MailingList;
  now: Date;
  items: readonly PrepareItem[];
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
  private readonly worker: Worker;

  constructor(start: { target: string | URL; evalCode: boolean }, private readonly onFailure: (tasks: Task[]) => void) {
    this.worker = new Worker(start.target, { eval: start.evalCode });
    this.worker.unref();
    this.worker.on('message', (r: PrepareResponse) => {
      const task = this.pending.get(r.id);
      if (!task) return;
      this.pending.delete(r.id);
      if (r.ok) task.resolve(fromResponse(r));
      else this.fail(new Error(r.error), [task]);
    });
    this.worker.on('error', (e) => this.fail(e, [...this.pending.values()]));
    this.worker.on('exit', () => this.fail(new Error('worker exited'), [...this.pending.values()]));
  }

  get usable(): boolean {
    return !this.failed;
  }

  send(id: number, task: Task): void {
    this.pending.set(id, task);
    const request = toRequest(id, task.list, task.now, task.items);
    this.worker.postMessage(request, [request.bytes]);
  }

  private fail(_e: Error, tasks: Task[]): void {
    this.failed = true;
    for (const t of tasks) for (const [id, p] of this.pending) if (p === t) this.pending.delete(id);
    if (tasks.length) this.onFailure(tasks);
  }

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }
}

/** A pool of `size` workers, or null when workers cannot be started from here. */
export function startPreparePool(size: number): Preparer | null {
  const start = workerStart();
  if (!start || size < 1) return null;
  const runInline = (tasks: Task[]): void => {
    for (const t of tasks) inlinePreparer.prepare(t.list, t.now, t.items).then(t.resolve, t.reject);
  };
  const workers = Array.from({ length: size }, () => new PoolWorker(start, runInline));
  let nextId = 0;
  return {
    prepare(list, now, items) {
      return new Promise<PreparedMessage[]>((resolve, reject) => {
        const task: Task = { list, now, items, resolve, reject };
        const live = workers.filter((w) => w.usable);
        if (live.length === 0) return runInline([task]);
        const w = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        w.send(nextId++, task);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
