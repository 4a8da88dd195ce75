// Sends one digest issue to a chunk of digest members: each copy carries the member's own RFC 2369
// List-Unsubscribe with the RFC 8058 one-click link, is signed as posts are (DKIM/ARC, when the list
// domain has a key) and goes out with the member's VERP sender, so digest bounces are scored like
// any other. Refusals are recorded for bounce processing; deferrals are retried until they expire.
import type { MailingList } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import type { Site } from '../domain/site.ts';
import { oneClickUnsubscribeUrl } from '../domain/urls.ts';
import { makeField } from '../mime/index.ts';
import type { DeliveryFailure } from '../store/types.ts';
import { verpSender, type RecipientOutcome } from '../delivery/index.ts';
import type { DigestDeps } from './deps.ts';
import type { DeliverDigest } from './payload.ts';

const CONCURRENCY = 8;
const MINUTE = 60_000;

/** Delay after the n-th attempt: 5, 10, 20 … minutes, at most four hours. */
export const retryDelayMs = (attempt: number): number => Math.min(240 * MINUTE, 5 * MINUTE * 2 ** Math.max(0, attempt - 1));

/** The member's own List-Unsubscribe fields, put in front of the issue's header block. */
export function personalFields(list: MailingList, site: Site, token: string): Buffer {
  const leave = `<mailto:${roleAddress(list.name, list.domain, 'leave')}>`;
  if (!token) return makeField('List-Unsubscribe', leave, '\r\n').raw;
  return Buffer.concat([
    makeField('List-Unsubscribe', [`${leave},`, `<${oneClickUnsubscribeUrl(site, token)}>`], '\r\n').raw,
    Buffer.from('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n'),
  ]);
}

async function sendAll(d: DigestDeps, list: MailingList, raw: Buffer, rs: DeliverDigest['recipients']): Promise<RecipientOutcome[]> {
  const sign = (await d.signer?.(list)) ?? null;
  const out: RecipientOutcome[][] = [];
  let next = 0;
  const worker = async () => {
    while (next < rs.length) {
      const r = rs[next++]!;
      const copy = Buffer.concat([personalFields(list, d.site, r.token), raw]);
      out.push((await d.transport.send({ from: verpSender(list, r.address), to: [r.address] }, sign ? await sign(copy) : copy)).outcomes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rs.length) }, worker));
  return out.flat();
}

export async function deliverDigest(d: DigestDeps, p: DeliverDigest): Promise<{ delivered: number; deferred: number; failed: number }> {
  const list = await d.store.getList(p.listId);
  const issue = await d.store.getDigestIssue(p.issueId);
  const raw = issue ? await d.store.getDigestRaw(p.issueId, p.format) : null;
  if (!list || !issue || !raw) return { delivered: 0, deferred: 0, failed: 0 }; // list or issue gone since
  const startedAt = d.now();
  const outcomes = await sendAll(d, list, raw, p.recipients);
  const now = d.now();
  const what = `digest v${issue.volume} #${issue.issue} (${p.format})`;
  const failure = (o: RecipientOutcome, permanent: boolean, prefix = ''): DeliveryFailure => ({
    listId: list.id, postId: 0, recipient: o.recipient, code: o.code, enhanced: o.enhanced, response: `${what}: ${prefix}${o.response}`, permanent, at: now,
  });
  const failed = outcomes.filter((o) => o.status === 'failed');
  const deferred = outcomes.filter((o) => o.status === 'deferred');
  const firstTriedAt = p.firstTriedAt ?? startedAt.getTime();
  const retryAt = now.getTime() + retryDelayMs(p.attempt);
  const expired = retryAt - firstTriedAt > d.retryMaxAgeMs;
  const failures = [...failed.map((o) => failure(o, true)), ...(expired ? deferred.map((o) => failure(o, false, 'expired after retrying: ')) : [])];
  await d.store.transaction(async (tx) => {
    await tx.recordDeliveryFailures(failures);
    if (deferred.length && !expired) {
      const tokens = new Map(p.recipients.map((r) => [r.address.toLowerCase(), r.token]));
      const retry: DeliverDigest = {
        ...p, attempt: p.attempt + 1, firstTriedAt,
        recipients: deferred.map((o) => ({ address: o.recipient, token: tokens.get(o.recipient.toLowerCase()) ?? '' })),
      };
      await tx.enqueue({ queue: 'digest', payload: retry, runAt: new Date(retryAt) }, now);
    }
  });
  return { delivered: outcomes.length - failed.length - deferred.length, deferred: deferred.length, failed: failed.length };
}
