// The hold queue: holding a post, and a moderator's approve / reject / discard, plus expiry.
// Approval does not call the pipeline: it puts the message back on the `incoming` queue marked
// approved, so the pipeline stays the one place that accepts posts.
import { CaucusError } from '../domain/errors.ts';
import type { MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import type { RuleHit } from '../domain/verdict.ts';
import type { Store, StoredMessage } from '../store/types.ts';
import type { ModerationDeps } from './deps.ts';
import { enqueueHeldNotice, enqueuePosterNotice } from './notices.ts';

export interface IncomingJobPayload {
  messageId: number;
  approved?: boolean;
}

/** Marks a message held and tells the moderators. Call inside the caller's transaction. */
export async function holdPost(tx: Store, d: ModerationDeps, list: MailingList, msg: StoredMessage, hits: RuleHit[], raw: Buffer): Promise<void> {
  const expires = new Date(d.now().getTime() + list.settings.heldExpiryDays * 86_400_000);
  await tx.updateMessage(msg.id, { state: 'held', hits, holdExpiresAt: expires, stateReason: hits.map((h) => h.reason).join('; ') });
  await enqueueHeldNotice(tx, d, list, { ...msg, state: 'held', hits }, hits, raw);
}

/** Rejects a post outright (a reject verdict): records why and tells the poster when that is safe. */
export async function rejectPost(tx: Store, d: ModerationDeps, list: MailingList, msg: StoredMessage, hits: RuleHit[], reason: string, raw: Buffer, mayReply: boolean): Promise<void> {
  await tx.updateMessage(msg.id, { state: 'rejected', hits, stateReason: reason, holdExpiresAt: null });
  const to = msg.fromAddress ?? msg.envelopeFrom;
  if (!to || !mayReply) return;
  const text = [
    `Your message to ${list.address} was rejected.`,
    '',
    `    Subject: ${msg.subject ?? '(no subject)'}`,
    '',
    `Reason: ${reason}`,
    '',
    `Questions go to the list's owners: ${list.name}-owner@${list.domain}`,
    '',
  ].join('\n');
  await enqueuePosterNotice(tx, d, list, to, `Your message to ${listDisplayName(list)} was rejected`, text, 'reject-notice', raw);
}

async function loadHeld(store: Store, list: MailingList, id: number): Promise<StoredMessage> {
  const m = await store.getMessage(id);
  if (!m || m.listId !== list.id || m.kind !== 'incoming') throw new CaucusError('not_found', `no held message ${id} on ${list.address}`);
  if (m.state !== 'held') throw new CaucusError('conflict', `message ${id} is not held (it is ${m.state})`);
  return m;
}

export async function approveHeld(d: ModerationDeps, list: MailingList, id: number): Promise<void> {
  await d.store.transaction(async (tx) => {
    const m = await loadHeld(tx, list, id);
    await tx.updateMessage(m.id, { state: 'received', stateReason: 'approved by a moderator', holdExpiresAt: null });
    const payload: IncomingJobPayload = { messageId: m.id, approved: true };
    await tx.enqueue({ queue: 'incoming', payload }, d.now());
  });
}

export async function rejectHeld(d: ModerationDeps, list: MailingList, id: number, reason: string): Promise<void> {
  await d.store.transaction(async (tx) => {
    const m = await loadHeld(tx, list, id);
    const raw = (await tx.getRaw(m.id)) ?? Buffer.alloc(0);
    await rejectPost(tx, d, list, m, m.hits, reason || 'a moderator rejected it', raw, true);
  });
}

export async function discardHeld(d: ModerationDeps, list: MailingList, id: number, why = 'discarded by a moderator'): Promise<void> {
  await d.store.transaction(async (tx) => {
    const m = await loadHeld(tx, list, id);
    await tx.updateMessage(m.id, { state: 'discarded', stateReason: why, holdExpiresAt: null });
  });
}

/** Discards held posts whose time ran out; members among the posters are told. Returns how many. */
export async function expireHolds(d: ModerationDeps, limit = 500): Promise<number> {
  const expired = await d.store.expiredHolds(d.now(), limit);
  for (const m of expired) {
    await d.store.transaction(async (tx) => {
      const list = m.listId === null ? null : await tx.getList(m.listId);
      await tx.updateMessage(m.id, { state: 'discarded', stateReason: 'held too long: no moderator decided', holdExpiresAt: null });
      const poster = m.fromAddress;
      if (!list || !poster || !(await tx.getMember(list.id, poster))) return;
      const text = `Your message to ${list.address} (subject: ${m.subject ?? '(no subject)'}) waited ${list.settings.heldExpiryDays} days for a moderator and has been discarded.\n`;
      await enqueuePosterNotice(tx, d, list, poster, `Your message to ${listDisplayName(list)} expired`, text, 'expired-notice');
    });
  }
  return expired.length;
}
