// A small pool of reusable protocol sessions: at most `max` open, idle ones reused most-recent first
// and closed after an idle timeout, callers queued when all are busy, and a close that waits for
// work in flight.

export interface PooledSession {
  /** False once the session can carry no further transaction (closed, broken, mid-reset). */
  readonly usable: boolean;
  close(): void;
}

export interface PoolOptions<S extends PooledSession> {
  max: number;
  open: () => Promise<S>;
  /** Close a session idle this long (0 = never). */
  idleTimeoutMs: number;
}

export class PoolClosedError extends Error {
  constructor() {
    super('transport is closed');
    this.name = 'PoolClosedError';
  }
}

export class ConnectionPool<S extends PooledSession> {
  private readonly opts: PoolOptions<S>;
  private readonly idle: S[] = [];
  private readonly timers = new Map<S, NodeJS.Timeout>();
  private readonly waiters: Array<() => void> = [];
  private count = 0;
  private busy = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  constructor(opts: PoolOptions<S>) {
    if (!Number.isInteger(opts.max) || opts.max < 1) throw new RangeError(`pool size must be a positive integer, got ${opts.max}`);
    this.opts = opts;
  }

  /** Runs `work` on a session. `reused` tells whether the session carried earlier transactions. */
  async use<T>(work: (session: S, reused: boolean) => Promise<T>): Promise<T> {
    const { session, reused } = await this.acquire();
    this.busy++;
    try {
      return await work(session, reused);
    } finally {
      this.busy--;
      this.release(session);
    }
  }

  /** Stops taking work, waits for transactions in flight, then closes every session. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      for (const wake of this.waiters.splice(0)) wake();
      if (this.busy > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      for (const s of this.idle.splice(0)) {
        clearTimeout(this.timers.get(s));
        this.timers.delete(s);
        this.discard(s);
      }
    })();
    return this.closing;
  }

  private async acquire(): Promise<{ session: S; reused: boolean }> {
    for (;;) {
      if (this.closed) throw new PoolClosedError();
      let s: S | undefined;
      while ((s = this.idle.pop())) {
        clearTimeout(this.timers.get(s));
        this.timers.delete(s);
        if (s.usable) return { session: s, reused: true };
        this.discard(s);
      }
      if (this.count < this.opts.max) {
        this.count++;
        try {
          return { session: await this.opts.open(), reused: false };
        } catch (e) {
          this.count--;
          this.wake();
          throw e;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(s: S): void {
    if (this.closed || !s.usable) this.discard(s);
    else {
      this.idle.push(s);
      if (this.opts.idleTimeoutMs > 0) {
        const timer = setTimeout(() => {
          const i = this.idle.indexOf(s);
          if (i >= 0) this.idle.splice(i, 1);
          this.timers.delete(s);
          this.discard(s);
        }, this.opts.idleTimeoutMs);
        timer.unref();
        this.timers.set(s, timer);
      }
    }
    if (this.busy === 0 && this.drained) {
      this.drained();
      this.drained = null;
    }
    this.wake();
  }

  private discard(s: S): void {
    this.count--;
    s.close();
  }

  private wake(): void {
    this.waiters.shift()?.();
  }
}
