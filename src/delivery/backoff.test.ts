// Retry schedule: the steps, the jitter bounds and determinism, the cap and expiry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseDelayMs, nextAttempt, DEFAULT_MAX_AGE_MS } from './backoff.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = new Date('2025-03-01T12:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const noJitter = { jitter: 0 };

test('the default schedule: 1m, 5m, 15m, 30m, 1h, 2h, 4h, then every 4h', () => {
  const expected = [1 * MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR, 4 * HOUR];
  expected.forEach((delay, i) => assert.equal(baseDelayMs(i + 1), delay, `after attempt ${i + 1}`));
});

test('without jitter the next attempt is now + the scheduled delay', () => {
  const now = at(10 * MIN);
  assert.deepEqual(nextAttempt(t0, 1, now, noJitter), at(11 * MIN));
  assert.deepEqual(nextAttempt(t0, 3, now, noJitter), at(25 * MIN));
  assert.deepEqual(nextAttempt(t0, 20, now, noJitter), at(10 * MIN + 4 * HOUR));
});

test('no attempt yet means now', () => {
  assert.deepEqual(nextAttempt(t0, 0, t0), t0);
});

test('jitter stays within ± the fraction, with the injected random source at both ends', () => {
  const lo = nextAttempt(t0, 2, t0, { jitter: 0.2, random: () => 0 });
  const hi = nextAttempt(t0, 2, t0, { jitter: 0.2, random: () => 0.999999 });
  assert.deepEqual(lo, at(4 * MIN));
  assert.ok(hi && hi.getTime() <= at(6 * MIN).getTime() && hi.getTime() > at(5.99 * MIN).getTime());
});

test('seeded jitter is deterministic per seed and differs between seeds', () => {
  const a1 = nextAttempt(t0, 4, t0, { seed: 'alice@example.org' });
  const a2 = nextAttempt(t0, 4, t0, { seed: 'alice@example.org' });
  const b = nextAttempt(t0, 4, t0, { seed: 'bob@example.org' });
  assert.deepEqual(a1, a2);
  assert.notDeepEqual(a1, b);
  for (const d of [a1, b]) {
    assert.ok(d);
    const delay = d.getTime() - t0.getTime();
    assert.ok(delay >= 27 * MIN && delay <= 33 * MIN, `delay ${delay} within ±10% of 30 min`);
  }
});

test('a delay that would cross the maximum age is cut to the deadline', () => {
  const maxAgeMs = 10 * HOUR;
  const now = at(9 * HOUR);
  assert.deepEqual(nextAttempt(t0, 7, now, { maxAgeMs, jitter: 0 }), at(10 * HOUR));
});

test('at or past the maximum age the recipient has expired', () => {
  assert.equal(nextAttempt(t0, 30, at(DEFAULT_MAX_AGE_MS)), null);
  assert.equal(nextAttempt(t0, 30, at(DEFAULT_MAX_AGE_MS + 1)), null);
  assert.notEqual(nextAttempt(t0, 30, at(DEFAULT_MAX_AGE_MS - 1)), null);
  assert.equal(nextAttempt(t0, 2, at(2 * HOUR), { maxAgeMs: HOUR }), null);
});

test('a custom schedule repeats its last step', () => {
  const scheduleMs = [10_000, 20_000];
  assert.deepEqual(nextAttempt(t0, 1, t0, { scheduleMs, jitter: 0 }), at(10_000));
  assert.deepEqual(nextAttempt(t0, 5, t0, { scheduleMs, jitter: 0 }), at(20_000));
});
