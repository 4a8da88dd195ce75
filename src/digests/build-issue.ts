// Builds a list's next digest issue when it is due (or forced): under the list's digest-state lock
// it takes the backlog, numbers the issue (a new volume when the volume period changed), renders
// both formats once, saves them and queues their delivery to the digest members, in one
// transaction. Nothing is numbered or sent when the backlog is empty or nobody takes digests.
import type { NewJob, Recipient } from '../store/types.ts';
import type { DigestDeps } from './deps.ts';
import type { DeliverDigest } from './payload.ts';
import { readPost } from './read-post.ts';
import { renderMimeDigest, renderPlainDigest } from './render/index.ts';
import { digestDue, numberIssue, type DueReason } from './schedule.ts';

/** Recipients per deliver job: a crash re-sends few copies, and the work spreads over workers. */
export const DIGEST_CHUNK = 100;

export interface BuiltIssue {
  issueId: number;
  volume: number;
  issue: number;
  entries: number;
  recipients: number;
  reason: DueReason;
}

export type BuildOutcome = BuiltIssue | { skipped: 'not-due' | 'no-list' | 'no-digest-members'; entries: number };

function deliverJobs(listId: number, issueId: number, format: 'mime' | 'plain', rs: Recipient[]): NewJob[] {
  const jobs: NewJob[] = [];
  for (let i = 0; i < rs.length; i += DIGEST_CHUNK) {
    const payload: DeliverDigest = {
      type: 'deliver', listId, issueId, format, attempt: 1, firstTriedAt: null,
      recipients: rs.slice(i, i + DIGEST_CHUNK).map((r) => ({ address: r.address, token: r.unsubscribeToken })),
    };
    jobs.push({ queue: 'digest', payload });
  }
  return jobs;
}

export async function buildDigest(d: Pick<DigestDeps, 'store' | 'site' | 'now' | 'wake'>, listId: number, force: boolean): Promise<BuildOutcome> {
  const out = await d.store.transaction(async (tx): Promise<BuildOutcome> => {
    const list = await tx.getList(listId);
    if (!list) return { skipped: 'no-list', entries: 0 };
    const state = await tx.lockDigestState(listId); // serializes builders of this list until commit
    const now = d.now();
    const [backlog] = await tx.digestBacklog(listId);
    const reason = digestDue(backlog ?? null, now, list.settings, force);
    if (!reason) return { skipped: 'not-due', entries: backlog?.count ?? 0 };
    const entries = await tx.pendingDigestEntries(listId);
    const mime = await tx.digestRecipients(listId, 'mime_digest');
    const plain = await tx.digestRecipients(listId, 'plain_digest');
    if (mime.length + plain.length === 0) {
      await tx.dropDigestEntries(entries.map((e) => e.id));
      return { skipped: 'no-digest-members', entries: entries.length };
    }
    const items = [];
    for (const e of entries) {
      const raw = await tx.getRaw(e.postId);
      if (raw) items.push(readPost(raw, list, d.site));
    }
    const { volume, issue, next } = numberIssue(state, now, list.settings.digestVolumeFrequency);
    const input = { list, site: d.site, volume, issue, date: now, items };
    const issueId = await tx.saveDigestIssue({
      listId, volume, issue, createdAt: now, entryIds: entries.map((e) => e.id), mime: renderMimeDigest(input), plain: renderPlainDigest(input),
    });
    await tx.setDigestState(next);
    await tx.enqueue([...deliverJobs(listId, issueId, 'mime', mime), ...deliverJobs(listId, issueId, 'plain', plain)], now);
    return { issueId, volume, issue, entries: items.length, recipients: mime.length + plain.length, reason };
  });
  if ('issueId' in out) d.wake?.();
  return out;
}
