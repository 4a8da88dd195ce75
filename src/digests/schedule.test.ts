// When digests fall due and how they are numbered: periods, size against schedule, forced sends,
// new volumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultListSettings } from '../domain/list-settings.ts';
import { digestDue, numberIssue, periodStart } from './schedule.ts';

const at = (s: string) => new Date(s);
const s = { ...defaultListSettings(), digestSizeThresholdKb: 30 };

test('periods start at UTC midnight, on Monday, on the 1st, per quarter and year', () => {
  const d = at('2026-03-05T15:30:00Z'); // a Thursday
  assert.equal(periodStart('daily', d).toISOString(), '2026-03-05T00:00:00.000Z');
  assert.equal(periodStart('weekly', d).toISOString(), '2026-03-02T00:00:00.000Z');
  assert.equal(periodStart('weekly', at('2026-03-08T23:59:00Z')).toISOString(), '2026-03-02T00:00:00.000Z', 'Sunday belongs to the week before');
  assert.equal(periodStart('monthly', d).toISOString(), '2026-03-01T00:00:00.000Z');
  assert.equal(periodStart('quarterly', at('2026-05-20T00:00:00Z')).toISOString(), '2026-04-01T00:00:00.000Z');
  assert.equal(periodStart('yearly', d).toISOString(), '2026-01-01T00:00:00.000Z');
});

test('due by size at once, by schedule when the period of the oldest post ended, never when empty', () => {
  const oldest = at('2026-03-05T10:00:00Z');
  const small = { count: 2, bytes: 1000, oldestAt: oldest };
  assert.equal(digestDue(small, at('2026-03-05T23:59:59Z'), s), null);
  assert.equal(digestDue(small, at('2026-03-06T00:00:00Z'), s), 'schedule');
  assert.equal(digestDue({ ...small, bytes: 30 * 1024 }, at('2026-03-05T10:00:01Z'), s), 'size');
  assert.equal(digestDue(small, at('2026-03-08T12:00:00Z'), { ...s, digestSchedule: 'weekly' }), null);
  assert.equal(digestDue(small, at('2026-03-09T00:00:00Z'), { ...s, digestSchedule: 'weekly' }), 'schedule');
  assert.equal(digestDue(small, at('2026-03-31T23:00:00Z'), { ...s, digestSchedule: 'monthly' }), null);
  assert.equal(digestDue(small, at('2026-03-05T10:00:01Z'), s, true), 'forced');
  assert.equal(digestDue(null, at('2026-04-01T00:00:00Z'), s, true), null, 'nothing collected: nothing to force');
  assert.equal(digestDue({ count: 0, bytes: 0, oldestAt: oldest }, at('2026-04-01T00:00:00Z'), s), null);
});

test('issues count up within a volume; a new volume period starts again at issue 1', () => {
  const first = numberIssue({ listId: 1, volume: 1, nextIssue: 1, lastSentAt: null }, at('2026-03-05T10:00:00Z'), 'monthly');
  assert.deepEqual([first.volume, first.issue], [1, 1]);
  const second = numberIssue(first.next, at('2026-03-31T23:00:00Z'), 'monthly');
  assert.deepEqual([second.volume, second.issue], [1, 2]);
  const third = numberIssue(second.next, at('2026-04-01T00:10:00Z'), 'monthly');
  assert.deepEqual([third.volume, third.issue], [2, 1]);
  assert.deepEqual(third.next, { listId: 1, volume: 2, nextIssue: 2, lastSentAt: at('2026-04-01T00:10:00Z') });
  const yearly = numberIssue(third.next, at('2026-12-31T00:00:00Z'), 'yearly');
  assert.deepEqual([yearly.volume, yearly.issue], [2, 2]);
});
