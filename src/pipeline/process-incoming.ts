// The `incoming` job: a message received for one of a list's addresses, dispatched by the role of
// that address — posts to the rule chain, commands to subscriptions, owner mail forwarded to the
// owners, bounces to bounce processing.
import { z } from 'zod';
import { roleAddress } from '../domain/roles.ts';
import type { MailingList } from '../domain/list.ts';
import type { StoredMessage } from '../store/types.ts';
import { notifyJob } from '../delivery/index.ts';
import { moderatorAddresses } from '../moderation/index.ts';
import { handleListMail } from '../subscriptions/index.ts';
import { processBounceMail } from '../bounces/index.ts';
import { processPost } from './process-post.ts';
import type { PipelineDeps } from './deps.ts';

export const IncomingPayload = z.object({ messageId: z.number().int(), approved: z.boolean().optional() });
export type IncomingPayload = z.infer<typeof IncomingPayload>;

/** Mail to `L-owner` goes to the owners and moderators as it came (Mailman does the same). */
async function forwardToOwners(d: PipelineDeps, list: MailingList, msg: StoredMessage, raw: Buffer): Promise<void> {
  await d.store.transaction(async (tx) => {
    const to = await moderatorAddresses(tx, list, d.site.adminAddress);
    await tx.enqueue(notifyJob({ listId: list.id, envelopeFrom: roleAddress(list.name, list.domain, 'bounces'), to, raw: raw.toString('base64'), purpose: 'owner-mail' }), d.now());
    await tx.updateMessage(msg.id, { state: 'processed', stateReason: `forwarded to ${to.length} owner(s)` });
  });
}

/** Bounce mail: bounce processing records it, scores it and marks the message processed. */
async function recordBounce(d: PipelineDeps, list: MailingList, msg: StoredMessage, raw: Buffer): Promise<void> {
  await processBounceMail(d, list, msg, raw);
  d.wake?.();
}

export async function processIncoming(d: PipelineDeps, p: IncomingPayload): Promise<void> {
  const msg = await d.store.getMessage(p.messageId);
  if (!msg || msg.listId === null) return; // deleted with its list
  if (msg.state !== 'received') return; // already decided: a job re-run after a crash does nothing twice
  const list = await d.store.getList(msg.listId);
  const raw = await d.store.getRaw(msg.id);
  if (!list || !raw) return;
  switch (msg.role) {
    case 'post':
      return processPost(d, list, msg, raw, p.approved === true);
    case 'owner':
      return forwardToOwners(d, list, msg, raw);
    case 'bounces':
      return recordBounce(d, list, msg, raw);
    case 'request':
    case 'join':
    case 'leave':
    case 'confirm': {
      const r = await handleListMail(d, { list, role: msg.role, detail: msg.detail, raw, envelopeFrom: msg.envelopeFrom });
      await d.store.updateMessage(msg.id, { state: 'processed', stateReason: summarize(r) });
      d.wake?.();
      return;
    }
    default:
      await d.store.updateMessage(msg.id, { state: 'failed', stateReason: `no handler for role ${String(msg.role)}` });
  }
}

function summarize(r: unknown): string {
  if (r && typeof r === 'object' && 'summary' in r && typeof r.summary === 'string') return r.summary;
  return 'handled';
}
