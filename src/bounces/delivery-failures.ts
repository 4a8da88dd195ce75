// Scores the refusals the list's own SMTP deliveries met (delivery_failures): a 5xx reply is the
// same event a DSN would have reported, so it goes through the same rules, and the once-a-day rule
// keeps a refusal and a later DSN for the same post from counting twice. A refused probe confirms.
import type { DeliveryFailure, Store, UnscoredFailure } from '../store/types.ts';
import type { MailingList } from '../domain/list.ts';
import type { BounceDeps } from './deps.ts';
import { classifyFailure } from './classify/classify-recipient.ts';
import { PROBE_PURPOSE } from './notices.ts';
import { registerBounce, registerProbeBounce, type BounceReport } from './process-bounce.ts';

const BATCH = 200;
const MAX_BATCHES = 50;

/** What a refusal says, read with the bounce classifier (RFC 3463 status first, then the wording). */
export function reportOfFailure(f: DeliveryFailure): Omit<BounceReport, 'address'> {
  const c = classifyFailure({ ...(f.enhanced ? { status: f.enhanced } : {}), diagnostic: f.response });
  // Expired retries are never hard, whatever the last deferral said.
  const permanent = f.permanent ? c.permanent : false;
  return { source: 'smtp', kind: 'smtp', reason: c.reason, permanent, messageId: null, detail: `${f.code ?? ''} ${f.response}`.trim().slice(0, 300), at: f.at };
}

async function scoreOne(tx: Store, d: BounceDeps, list: MailingList, f: UnscoredFailure): Promise<void> {
  const report = reportOfFailure(f);
  if (f.response.startsWith(`${PROBE_PURPOSE}:`)) {
    const member = await tx.getMember(list.id, f.recipient, 'member');
    const info = member ? await tx.getBounceInfo(member.id) : null;
    if (info?.probeToken) {
      await registerProbeBounce(tx, d, list, info.probeToken, report);
      return;
    }
  }
  await registerBounce(tx, d, list, { ...report, address: f.recipient });
}

/** Takes every unscored failure and applies it; returns how many were seen. */
export async function scoreDeliveryFailures(d: BounceDeps): Promise<number> {
  let seen = 0;
  const lists = new Map<number, MailingList | null>();
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await d.store.transaction(async (tx) => {
      const batch = await tx.takeUnscoredDeliveryFailures(BATCH);
      for (const f of batch) {
        if (!lists.has(f.listId)) lists.set(f.listId, await tx.getList(f.listId));
        const list = lists.get(f.listId);
        if (list) await scoreOne(tx, d, list, f);
      }
      return batch.length;
    });
    seen += n;
    if (n < BATCH) break;
  }
  return seen;
}
