// Sends one `notify` job's message: notices go to few recipients, so one transaction; a deferral
// throws so the job queue retries it with backoff, a permanent failure is final.
import type { Transport } from './transports/types.ts';
import type { NotifyPayload } from './notify-payload.ts';
import type { Store } from '../store/types.ts';

export class NoticeDeferredError extends Error {
  override name = 'NoticeDeferredError';
}

export async function sendNotice(transport: Transport, store: Store, p: NotifyPayload, now: Date): Promise<void> {
  const r = await transport.send({ from: p.envelopeFrom, to: p.to }, Buffer.from(p.raw, 'base64'));
  const failed = r.outcomes.filter((o) => o.status === 'failed');
  if (failed.length && p.listId !== null) {
    await store.recordDeliveryFailures(failed.map((o) => ({ listId: p.listId as number, postId: 0, recipient: o.recipient, code: o.code, enhanced: o.enhanced, response: `${p.purpose}: ${o.response}`, permanent: true, at: now })));
  }
  const deferred = r.outcomes.filter((o) => o.status === 'deferred');
  if (deferred.length && deferred.length < r.outcomes.length) {
    // Some got it: only the others are tried again, in a job of their own.
    await store.enqueue({ queue: 'notify', payload: { ...p, to: deferred.map((o) => o.recipient) }, runAt: new Date(now.getTime() + 60_000) }, now);
    return;
  }
  if (deferred.length) throw new NoticeDeferredError(`${p.purpose} to ${deferred.map((o) => o.recipient).join(', ')} deferred: ${deferred[0]!.response}`);
}
