// Mailman's bounce score, as pure functions: a hard bounce weighs 1 and a soft one 0.5; a member
// scores at most once per (UTC) day; a score older than bounceInfoStaleAfterDays starts again; the
// threshold disables delivery. Also which bounces count at all.
import type { ListSettings } from '../domain/list-settings.ts';
import type { BounceInfo } from '../store/types.ts';

const DAY_MS = 86_400_000;

/** Days since the epoch in UTC: "once a day" and "after N days" count calendar days, as Mailman does. */
export const dayNumber = (d: Date): number => Math.floor(d.getTime() / DAY_MS);

/** Whole calendar days from `from` to `to`. */
export const daysBetween = (from: Date, to: Date): number => dayNumber(to) - dayNumber(from);

/**
 * Reasons that say the list's own mail was refused for what it is or where it came from (spam
 * filtering, content, sender or authentication policy, size), not that the member's address fails:
 * such bounces are recorded and never scored, so one bad post cannot disable a whole domain.
 */
export const NOT_THE_MEMBERS_FAULT: ReadonlySet<string> = new Set([
  'spam-blocked', 'content-rejected', 'policy', 'auth-failure', 'sender-rejected', 'message-too-big',
]);

/** Kinds that are not failures: delays and warnings (still being retried), auto-replies, reports. */
const NEVER_COUNT: ReadonlySet<string> = new Set(['warning', 'delay', 'not-a-bounce']);
const NEVER_COUNT_REASONS: ReadonlySet<string> = new Set(['delayed', 'vacation', 'feedback', 'delivered']);

export type Weighing = { weight: number; why: 'hard' | 'soft' } | { weight: 0; why: 'not-a-failure' | 'not-the-members-fault' };

/**
 * The weight of one failed recipient. `permanent` false is a soft bounce (full mailbox, expired
 * retries, a disabled account); true or unknown is hard, since the message did fail.
 */
export function weigh(kind: string, reason: string | null, permanent: boolean | null): Weighing {
  if (NEVER_COUNT.has(kind) || (reason !== null && NEVER_COUNT_REASONS.has(reason))) return { weight: 0, why: 'not-a-failure' };
  if (reason !== null && NOT_THE_MEMBERS_FAULT.has(reason)) return { weight: 0, why: 'not-the-members-fault' };
  // A report nobody could read that still came back to the member's own VERP address: soft, so an
  // address that keeps returning undecipherable mail is disabled in time, but never in a hurry.
  if (kind === 'unknown' || permanent === false) return { weight: 0.5, why: 'soft' };
  return { weight: 1, why: 'hard' };
}

export type BounceSettings = Pick<ListSettings, 'bounceScoreThreshold' | 'bounceInfoStaleAfterDays'>;

export interface ScoreResult {
  info: BounceInfo;
  /** same-day: already scored today, nothing added; stale-reset: the old score was dropped first. */
  outcome: 'scored' | 'same-day' | 'stale-reset';
  /** The score is at or past the threshold. */
  reached: boolean;
}

export const emptyInfo = (memberId: number, listId: number): BounceInfo => ({
  memberId, listId, score: 0, lastBounceAt: null, disabledAt: null, warningsSent: 0, lastWarningAt: null, probeToken: null, probeSentAt: null,
});

/** Adds one bounce of `weight` (> 0) at `now` to a member's record. */
export function addBounce(info: BounceInfo, weight: number, now: Date, s: BounceSettings): ScoreResult {
  const last = info.lastBounceAt;
  if (last && daysBetween(last, now) <= 0) return { info, outcome: 'same-day', reached: info.score >= s.bounceScoreThreshold };
  const stale = last !== null && isStale(last, now, s);
  const score = (stale ? 0 : info.score) + weight;
  const next = { ...info, score, lastBounceAt: now };
  return { info: next, outcome: stale ? 'stale-reset' : 'scored', reached: score >= s.bounceScoreThreshold };
}

/** Mailman's rule: information is stale when the last bounce plus the stale period is before today. */
export function isStale(lastBounceAt: Date, now: Date, s: Pick<ListSettings, 'bounceInfoStaleAfterDays'>): boolean {
  return daysBetween(lastBounceAt, now) > s.bounceInfoStaleAfterDays;
}

export type DisabledStep = 'wait' | 'warn' | 'remove';

/**
 * What is due for a member disabled by bounces: the disabling notice is the first of
 * bounceYouAreDisabledWarnings notices, one goes out per interval, and removal follows one interval
 * after the last (with no warnings at all, removal is due at once).
 */
export function disabledStep(info: BounceInfo, now: Date, s: Pick<ListSettings, 'bounceYouAreDisabledWarnings' | 'bounceYouAreDisabledWarningsIntervalDays'>): DisabledStep {
  const since = info.lastWarningAt ?? info.disabledAt;
  if (info.warningsSent > 0 && since && daysBetween(since, now) < s.bounceYouAreDisabledWarningsIntervalDays) return 'wait';
  return info.warningsSent >= s.bounceYouAreDisabledWarnings ? 'remove' : 'warn';
}
