// Retry schedule for deferred recipients: growing delays with deterministic jitter, until a maximum
// age after which the recipient is given up on as expired. Pure: the clock and the jitter are inputs.

export interface BackoffOptions {
  /** Delays after the 1st, 2nd, … attempt; the last one repeats. Default 1m 5m 15m 30m 1h 2h 4h. */
  scheduleMs?: readonly number[];
  /** Give up once this long has passed since the first attempt. Default 5 days (RFC 5321 §4.5.4.1 suggests 4–5). */
  maxAgeMs?: number;
  /** Spread each delay by ± this fraction so deferred recipients do not retry in one herd. Default 0.1. */
  jitter?: number;
  /** Seeds the jitter (a recipient address or job id), so the same inputs give the same answer. */
  seed?: string;
  /** Overrides the seeded jitter source: returns a number in [0, 1). */
  random?: () => number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_SCHEDULE_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR];
export const DEFAULT_MAX_AGE_MS = 5 * 24 * HOUR;
export const DEFAULT_JITTER = 0.1;

/** FNV-1a over the seed and attempt number, scaled to [0, 1): jitter that tests can predict. */
function seededUnit(seed: string, attempts: number): number {
  let h = 0x811c9dc5;
  const s = `${seed}\u0000${attempts}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

/** The un-jittered delay after `attempts` attempts (attempts >= 1). */
export function baseDelayMs(attempts: number, schedule: readonly number[] = DEFAULT_SCHEDULE_MS): number {
  if (schedule.length === 0) throw new RangeError('backoff schedule is empty');
  const i = Math.min(Math.max(attempts, 1), schedule.length) - 1;
  return schedule[i] ?? 0;
}

/**
 * When to try a deferred recipient next, after `attempts` attempts of which the first was at
 * `firstTriedAt` and the latest just now. Returns null when the recipient has expired: it was first
 * tried `maxAgeMs` ago or longer. A delay that would cross the deadline is cut to it, so there is
 * always one last attempt at the deadline itself. With no attempt yet the answer is `now`.
 */
export function nextAttempt(firstTriedAt: Date, attempts: number, now: Date, opts: BackoffOptions = {}): Date | null {
  const maxAge = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const deadline = firstTriedAt.getTime() + maxAge;
  if (now.getTime() >= deadline) return null;
  if (attempts <= 0) return new Date(now.getTime());
  const jitter = Math.min(Math.max(opts.jitter ?? DEFAULT_JITTER, 0), 1);
  const unit = opts.random ? opts.random() : seededUnit(opts.seed ?? '', attempts);
  const base = baseDelayMs(attempts, opts.scheduleMs ?? DEFAULT_SCHEDULE_MS);
  const delay = Math.round(base * (1 - jitter + 2 * jitter * unit));
  return new Date(Math.min(now.getTime() + delay, deadline));
}
