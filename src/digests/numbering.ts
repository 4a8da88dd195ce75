// Operator changes to a list's digest numbers: start a new volume (issues count from 1 again), or
// set the volume and the next issue outright. The next digest carries exactly these numbers.
import type { Store, DigestState } from '../store/types.ts';

export async function bumpDigestVolume(store: Store, listId: number, now: Date): Promise<DigestState> {
  return store.transaction(async (tx) => {
    const s = await tx.lockDigestState(listId);
    // lastSentAt = now keeps the volume period from starting yet another volume at the next issue.
    const next = { ...s, volume: s.volume + 1, nextIssue: 1, lastSentAt: now };
    await tx.setDigestState(next);
    return next;
  });
}

export async function resetDigestNumbers(store: Store, listId: number, now: Date, volume = 1, issue = 1): Promise<DigestState> {
  return store.transaction(async (tx) => {
    const s = await tx.lockDigestState(listId);
    const next = { ...s, volume, nextIssue: issue, lastSentAt: now };
    await tx.setDigestState(next);
    return next;
  });
}
