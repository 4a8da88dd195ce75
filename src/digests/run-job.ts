// The `digest` queue's handler, and the scheduled check maintenance runs: every list whose
// backlog is due by size or by schedule gets a `build` job; old rendered issues are purged.
import type { DigestDeps } from './deps.ts';
import { buildDigest, type BuildOutcome } from './build-issue.ts';
import { deliverDigest } from './deliver.ts';
import { buildDigestJob, type DigestPayload } from './payload.ts';
import { digestDue } from './schedule.ts';

/** Rendered issues are kept this long: long past the last retry of their delivery. */
const KEEP_ISSUES_MS = 30 * 86_400_000;

export async function runDigestJob(d: DigestDeps, p: DigestPayload): Promise<BuildOutcome | { delivered: number; deferred: number; failed: number }> {
  return p.type === 'build' ? buildDigest(d, p.listId, p.force) : deliverDigest(d, p);
}

/** Queues a `build` job for each list whose digest is due; returns how many. */
export async function enqueueDueDigests(d: Pick<DigestDeps, 'store' | 'now' | 'wake'>): Promise<number> {
  const now = d.now();
  let queued = 0;
  for (const b of await d.store.digestBacklog()) {
    const list = await d.store.getList(b.listId);
    if (!list || !digestDue(b, now, list.settings)) continue;
    await d.store.enqueue(buildDigestJob(list.id), now);
    queued++;
  }
  await d.store.purgeDigestIssues(new Date(now.getTime() - KEEP_ISSUES_MS));
  if (queued) d.wake?.();
  return queued;
}
