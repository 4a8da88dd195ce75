// Plans and runs the delivery of an accepted post: recipients are snapshotted into `deliver` jobs
// in the same transaction that accepts the post; each job renders every member's copy (or one bulk
// copy), sends it through the pooled transport, and turns each reply into done, a retry job at the
// backoff time, or a recorded failure for bounce processing. Never silent: every recipient ends
// delivered, retried, or in delivery_failures.
import { z } from 'zod';
import type { MailingList } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import type { Site } from '../domain/site.ts';
import type { DeliveryFailure, NewJob, Store } from '../store/types.ts';
import { nextAttempt } from './backoff.ts';
import type { RecipientOutcome, Transport } from './transports/types.ts';
import type { RendererCache } from './renderer-cache.ts';

export const DeliverPayload = z.object({
  listId: z.number().int(),
  postId: z.number().int(),
  mode: z.enum(['personalized', 'bulk']),
  recipients: z.array(z.object({ address: z.string(), token: z.string() })).min(1),
  attempt: z.number().int().min(1),
  firstTriedAt: z.number().nullable(),
});
export type DeliverPayload = z.infer<typeof DeliverPayload>;

export interface DeliveryDeps {
  store: Store;
  site: Site;
  now(): Date;
  transport: Transport;
  /** How long deferred recipients are retried. */
  retryMaxAgeMs: number;
  /** Recipients per bulk transaction. */
  bulkChunk: number;
  /** Copies sent at once in personalized mode (the transport pool queues the rest). */
  sendConcurrency: number;
  /** Compiled renderers of the posts being delivered (one per process). */
  renderers: RendererCache;
  /** The list's copy signer (DKIM, ARC), applied to each copy after rendering; null: unsigned. */
  signer?: (list: MailingList) => Promise<((copy: Buffer) => Promise<Buffer>) | null>;
}

/** Personalized jobs hold fewer recipients so a crash re-sends little and work spreads over workers. */
export const PERSONALIZED_CHUNK = 100;

/** Builds the deliver jobs for a post; the caller enqueues them in its accept transaction. */
export async function planDelivery(tx: Store, list: MailingList, postId: number, posterAddress: string | null, bulkChunk: number): Promise<NewJob[]> {
  const poster = posterAddress?.toLowerCase() ?? null;
  const recipients = (await tx.regularRecipients(list.id)).filter((r) => r.receiveOwnPosts || r.address.toLowerCase() !== poster);
  const mode = list.settings.deliveryMode;
  const size = mode === 'bulk' ? bulkChunk : PERSONALIZED_CHUNK;
  const jobs: NewJob[] = [];
  for (let i = 0; i < recipients.length; i += size) {
    const payload: DeliverPayload = {
      listId: list.id, postId, mode, attempt: 1, firstTriedAt: null,
      recipients: recipients.slice(i, i + size).map((r) => ({ address: r.address, token: r.unsubscribeToken })),
    };
    jobs.push({ queue: 'deliver', payload });
  }
  return jobs;
}

/** VERP sender: `list-bounces+member=domain@host`, so a bounce names the member by itself. */
export function verpSender(list: MailingList, recipient: string): string {
  const at = recipient.lastIndexOf('@');
  return roleAddress(list.name, list.domain, 'bounces', `${recipient.slice(0, at)}=${recipient.slice(at + 1)}`);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

export async function runDeliverJob(d: DeliveryDeps, payload: DeliverPayload): Promise<{ delivered: number; deferred: number; failed: number }> {
  const list = await d.store.getList(payload.listId);
  if (!list) return { delivered: 0, deferred: 0, failed: 0 }; // list deleted since: nothing to do
  const render = await d.renderers.get(d.store, d.site, list, payload.postId, payload.mode);
  if (!render) return { delivered: 0, deferred: 0, failed: 0 };
  const sign = (await d.signer?.(list)) ?? null;
  const startedAt = d.now();
  let outcomes: RecipientOutcome[];
  if (payload.mode === 'bulk') {
    const copy = render(null);
    const r = await d.transport.send({ from: roleAddress(list.name, list.domain, 'bounces'), to: payload.recipients.map((x) => x.address) }, sign ? await sign(copy) : copy);
    outcomes = r.outcomes;
  } else {
    outcomes = (
      await mapLimit(payload.recipients, d.sendConcurrency, async (rcpt) => {
        const copy = render({ address: rcpt.address, unsubscribeToken: rcpt.token });
        const r = await d.transport.send({ from: verpSender(list, rcpt.address), to: [rcpt.address] }, sign ? await sign(copy) : copy);
        return r.outcomes;
      })
    ).flat();
  }
  const byAddress = new Map(payload.recipients.map((r) => [r.address.toLowerCase(), r]));
  const deferred = outcomes.filter((o) => o.status === 'deferred');
  const failed = outcomes.filter((o) => o.status === 'failed');
  const firstTriedAt = new Date(payload.firstTriedAt ?? startedAt.getTime());
  const failures: DeliveryFailure[] = failed.map((o) => ({ listId: list.id, postId: payload.postId, recipient: o.recipient, code: o.code, enhanced: o.enhanced, response: o.response, permanent: true, at: d.now() }));
  const retryAt = deferred.length ? nextAttempt(firstTriedAt, payload.attempt, d.now(), { maxAgeMs: d.retryMaxAgeMs, seed: `${payload.postId}` }) : null;
  if (deferred.length && !retryAt) {
    for (const o of deferred) failures.push({ listId: list.id, postId: payload.postId, recipient: o.recipient, code: o.code, enhanced: o.enhanced, response: `expired after retrying: ${o.response}`, permanent: false, at: d.now() });
  }
  // Most jobs end with every copy delivered: then there is nothing to write.
  if (failures.length || (deferred.length && retryAt)) await d.store.transaction(async (tx) => {
    await tx.recordDeliveryFailures(failures);
    if (deferred.length && retryAt) {
      const retry: DeliverPayload = {
        ...payload, attempt: payload.attempt + 1, firstTriedAt: firstTriedAt.getTime(),
        recipients: deferred.map((o) => byAddress.get(o.recipient.toLowerCase()) ?? { address: o.recipient, token: '' }),
      };
      await tx.enqueue({ queue: 'deliver', payload: retry, runAt: retryAt }, d.now());
    }
  });
  return { delivered: outcomes.length - deferred.length - failed.length, deferred: deferred.length, failed: failed.length };
}
