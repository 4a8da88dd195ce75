// The scheduled part of bounce processing, run by the `maintenance` job: score new delivery
// failures, send the next reminder or remove members disabled by bounces, let stale scores lapse,
// treat an unanswered probe as a working address, and forget records of members an owner re-enabled.
import type { MailingList } from '../domain/list.ts';
import type { Store } from '../store/types.ts';
import type { BounceDeps } from './deps.ts';
import { scoreDeliveryFailures } from './delivery-failures.ts';
import { DISABLED_REASON, advanceDisabled } from './member-actions.ts';
import { daysBetween, disabledStep, isStale } from './scoring.ts';

const PAGE = 200;

export interface BounceMaintenanceResult {
  failuresScored: number;
  warned: number;
  removed: number;
  reset: number;
}

async function maintainOne(tx: Store, d: BounceDeps, list: MailingList, memberId: number, r: BounceMaintenanceResult): Promise<void> {
  const member = await tx.getMemberById(memberId);
  if (!member) return; // removed since the page was read; its record went with it
  const info = await tx.lockBounceInfo(member.id, list.id);
  const now = d.now();
  if (info.disabledAt) {
    if (member.deliveryEnabled || member.disabledReason !== DISABLED_REASON) {
      await tx.deleteBounceInfo(member.id); // re-enabled by an owner, or disabled since for another reason
      r.reset++;
      return;
    }
    const step = disabledStep(info, now, list.settings);
    if (step === 'wait') return;
    await advanceDisabled(tx, d, list, member, info, step);
    if (step === 'warn') r.warned++;
    else r.removed++;
    return;
  }
  if (info.probeToken && info.probeSentAt) {
    // No bounce for as long as a score stays fresh: the probe arrived, the address works.
    if (daysBetween(info.probeSentAt, now) > list.settings.bounceInfoStaleAfterDays) {
      await tx.putBounceInfo({ ...info, score: 0, probeToken: null, probeSentAt: null });
      r.reset++;
    }
    return;
  }
  if (info.score > 0 && info.lastBounceAt && isStale(info.lastBounceAt, now, list.settings)) {
    await tx.putBounceInfo({ ...info, score: 0 });
    r.reset++;
  }
}

export async function runBounceMaintenance(d: BounceDeps): Promise<BounceMaintenanceResult> {
  const r: BounceMaintenanceResult = { failuresScored: await scoreDeliveryFailures(d), warned: 0, removed: 0, reset: 0 };
  const lists = new Map<number, MailingList | null>();
  let after = 0;
  for (;;) {
    const page = await d.store.activeBounceInfo(after, PAGE);
    for (const seen of page) {
      after = seen.memberId;
      if (!lists.has(seen.listId)) lists.set(seen.listId, await d.store.getList(seen.listId));
      const list = lists.get(seen.listId);
      if (!list) continue;
      // Read again under the row lock: a bounce or another worker may have changed it since the page was read.
      await d.store.transaction(async (tx) => maintainOne(tx, d, list, seen.memberId, r));
    }
    if (page.length < PAGE) break;
  }
  return r;
}
