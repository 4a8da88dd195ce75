// When a digest is due and how it is numbered, as pure functions of the clock: periods are UTC
// calendar days, weeks from Monday, months, quarters and years. A digest goes out when the posts
// collected pass the size threshold or when the period its oldest post arrived in has ended,
// whichever comes first; a new volume starts when the volume period changed since the last issue.
import type { ListSettings } from '../domain/list-settings.ts';
import type { DigestState } from '../store/types.ts';

export type Period = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** The start (UTC) of the period that contains `d`. */
export function periodStart(period: Period, d: Date): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'daily':
      return new Date(Date.UTC(y, m, d.getUTCDate()));
    case 'weekly': {
      const sinceMonday = (d.getUTCDay() + 6) % 7; // ISO 8601 weeks start on Monday
      return new Date(Date.UTC(y, m, d.getUTCDate() - sinceMonday));
    }
    case 'monthly':
      return new Date(Date.UTC(y, m, 1));
    case 'quarterly':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'yearly':
      return new Date(Date.UTC(y, 0, 1));
  }
}

export type DueReason = 'size' | 'schedule' | 'forced';

/** Why a digest of this backlog is due now, or null when it is not (or there is nothing to send). */
export function digestDue(
  backlog: { count: number; bytes: number; oldestAt: Date } | null,
  now: Date,
  s: Pick<ListSettings, 'digestSizeThresholdKb' | 'digestSchedule'>,
  force = false,
): DueReason | null {
  if (!backlog || backlog.count === 0) return null;
  if (force) return 'forced';
  if (backlog.bytes >= s.digestSizeThresholdKb * 1024) return 'size';
  if (periodStart(s.digestSchedule, now) > backlog.oldestAt) return 'schedule';
  return null;
}

/** The volume and issue of the next digest, and the counters to store after it. */
export function numberIssue(state: DigestState, now: Date, frequency: Period): { volume: number; issue: number; next: DigestState } {
  const newVolume = state.lastSentAt !== null && periodStart(frequency, state.lastSentAt) < periodStart(frequency, now);
  const volume = newVolume ? state.volume + 1 : state.volume;
  const issue = newVolume ? 1 : state.nextIssue;
  return { volume, issue, next: { ...state, volume, nextIssue: issue + 1, lastSentAt: now } };
}
