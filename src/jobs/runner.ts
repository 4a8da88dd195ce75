// The worker loop over the durable queue: claim a batch, run each job's handler with bounded
// concurrency, ack on success, and on failure retry with backoff or move the job to `dead`, where
// `caucus queue` shows it. A job whose worker dies is re-claimed when its lease runs out.
import type { Job, QueueName, Store } from '../store/types.ts';

/** Thrown by a handler when retrying cannot help (bad payload, missing list): the job goes dead. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export type JobHandler = (job: Job) => Promise<void>;

export interface WorkerOptions {
  store: Store;
  handlers: Partial<Record<QueueName, JobHandler>>;
  now: () => Date;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How long a claimed job is ours before another worker may take it. */
  leaseMs?: number;
  /** Idle poll interval; `wake()` cuts it short when this process enqueues work. */
  pollMs?: number;
  onError?: (job: Job, error: unknown, state: 'pending' | 'dead') => void;
}

export interface Worker {
  wake(): void;
  stop(): Promise<void>;
  /** Resolves when no runnable job is left (for tests and one-shot commands). */
  drain(): Promise<void>;
}

/** Retry delay after the n-th failed attempt: 5 s, 20 s, 80 s … capped at one hour. */
export const retryDelayMs = (attempts: number): number => Math.min(3_600_000, 5_000 * 4 ** Math.max(0, attempts - 1));

export function startWorker(o: WorkerOptions): Worker {
  const queues = Object.keys(o.handlers) as QueueName[];
  const concurrency = o.concurrency ?? 8;
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const pollMs = o.pollMs ?? 500;
  let stopped = false;
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  // A drain is answered only by a loop turn that began after it was asked (a turn already under way
  // may have claimed with an older clock or before new work was committed).
  let turn = 0;
  let idleWaiters: Array<{ after: number; resolve: () => void }> = [];

  async function runOne(job: Job): Promise<void> {
    const handler = o.handlers[job.queue];
    try {
      if (!handler) throw new PermanentJobError(`no handler for queue ${job.queue}`);
      await handler(job);
      await o.store.completeJob(job.id, o.now());
    } catch (e) {
      const permanent = e instanceof PermanentJobError;
      const retryAt = permanent ? null : new Date(o.now().getTime() + retryDelayMs(job.attempts));
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const state = await o.store.failJob(job.id, msg, retryAt, o.now()).catch(() => 'pending' as const);
      o.onError?.(job, e, state === 'dead' ? 'dead' : 'pending');
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      const thisTurn = ++turn;
      const free = concurrency - running;
      let claimed: Job[] = [];
      if (free > 0 && queues.length > 0) {
        try {
          claimed = await o.store.claimJobs(queues, free, o.now(), leaseMs);
        } catch (e) {
          o.onError?.({ id: 0, queue: queues[0]!, payload: '', state: 'pending', attempts: 0, maxAttempts: 0, runAt: o.now(), lockedUntil: null, lastError: null, createdAt: o.now() }, e, 'pending');
        }
      }
      for (const job of claimed) {
        running++;
        void runOne(job).finally(() => {
          running--;
          wakeUp?.();
        });
      }
      if (claimed.length === 0 && running === 0) {
        const ready = idleWaiters.filter((w) => w.after < thisTurn);
        idleWaiters = idleWaiters.filter((w) => w.after >= thisTurn);
        for (const w of ready) w.resolve();
      }
      if (claimed.length > 0 && running < concurrency) continue;
      await new Promise<void>((resolve) => {
        wakeUp = () => {
          if (timer) clearTimeout(timer);
          timer = null;
          wakeUp = null;
          resolve();
        };
        timer = setTimeout(() => wakeUp?.(), pollMs);
      });
    }
  }

  const done = loop();
  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
      while (running > 0) await new Promise((r) => setTimeout(r, 10));
    },
    drain() {
      wakeUp?.();
      return new Promise<void>((resolve) => idleWaiters.push({ after: turn, resolve }));
    },
  };
}
