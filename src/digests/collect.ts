// Collecting: every accepted post joins its list's digest backlog in the transaction that accepts
// it; when the backlog passes the list's size threshold a `build` job is queued in that same
// transaction (the schedule is checked by maintenance).
import type { MailingList } from '../domain/list.ts';
import type { Store } from '../store/types.ts';
import { buildDigestJob } from './payload.ts';
import { digestDue } from './schedule.ts';

export async function collectForDigest(tx: Store, list: MailingList, postId: number, size: number, now: Date): Promise<void> {
  await tx.addDigestEntry({ listId: list.id, postId, size, addedAt: now });
  const [backlog] = await tx.digestBacklog(list.id);
  if (digestDue(backlog ?? null, now, list.settings) === 'size') await tx.enqueue(buildDigestJob(list.id), now);
}
