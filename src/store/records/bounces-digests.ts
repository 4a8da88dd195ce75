// Record types of the Store interface for bounces and digests; store/types.ts re-exports them.
import type { DeliveryFailure } from '../types.ts';

// ---- bounces and digests (bounces/, digests/) ----------------------------------------------
/** A member's bounce record (Mailman's bounce info): score, disabling, warnings and probe. */
export interface BounceInfo {
  memberId: number;
  listId: number;
  score: number;
  lastBounceAt: Date | null;
  /** When bounces disabled delivery; null while delivery is on. */
  disabledAt: Date | null;
  /** Notices sent since disabling (the disabling notice counts as the first). */
  warningsSent: number;
  lastWarningAt: Date | null;
  /** The token of a probe sent and not yet answered (`L-bounces+probe-TOKEN@…`). */
  probeToken: string | null;
  probeSentAt: Date | null;
}

export type BounceSource = 'mail' | 'smtp' | 'probe';

/** One bounce received, what it said and what bounce processing did with it. */
export interface BounceEvent {
  listId: number;
  memberId: number | null;
  address: string;
  at: Date;
  source: BounceSource;
  /** The parser's kind (failure, warning, delay, unknown, not-a-bounce) or `smtp` for a 5xx reply. */
  kind: string;
  reason: string | null;
  permanent: boolean | null;
  /** What was added to the score (0 when nothing was). */
  weight: number;
  /** scored, same-day, not-scored, ignored, no-member, probe-confirmed, ... */
  outcome: string;
  /** The bounce message (messages.id), when it came by mail. */
  messageId: number | null;
  detail: string;
}

/** A delivery failure not yet seen by bounce processing. */
export interface UnscoredFailure extends DeliveryFailure {
  id: number;
}

export type DigestFormat = 'mime' | 'plain';

export interface DigestState {
  listId: number;
  volume: number;
  /** The number the next issue of this volume gets. */
  nextIssue: number;
  lastSentAt: Date | null;
}

/** An accepted post waiting for the list's next digest. */
export interface DigestEntry {
  id: number;
  listId: number;
  postId: number;
  size: number;
  addedAt: Date;
}

export interface DigestBacklog {
  listId: number;
  count: number;
  bytes: number;
  oldestAt: Date;
}

export interface DigestIssue {
  id: number;
  listId: number;
  volume: number;
  issue: number;
  createdAt: Date;
  entryCount: number;
}
