// Join and leave requests, from mail or the web, under the list's policies. Anyone may ask for any
// address, so whatever is said to the asker (`publicText`) is the same for members and strangers,
// and anything specific goes only to the address itself. Confirmation mails are rate-limited per
// address, so the list cannot be used to flood a mailbox.
import { addressKey, isValidAddress } from '../domain/address.ts';
import type { DeliveryMode, MailingList } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import { isBanned } from './banned.ts';
import { subscribeNow, unsubscribeNow } from './membership.ts';
import { approvalRequestText, awaitingApprovalText, confirmationText } from './notice-texts.ts';
import { confirmLimitKey, moderatorAddresses, queueNotice, replyLimitKey } from './notices.ts';
import type { RequestChannel, RequestOutcome, RequestResult, SubscribeRequest, SubscriptionDeps, UnsubscribeRequest } from './types.ts';

const DAY_MS = 86_400_000;

const cleanAddress = (s: string): string => s.trim().replace(/^<(.*)>$/, '$1').trim();

function isSelf(address: string, requestedBy: string | null | undefined): boolean {
  return typeof requestedBy === 'string' && addressKey(requestedBy) === addressKey(address);
}

function thirdPartyOf(address: string, requestedBy: string | null | undefined): string | null {
  return typeof requestedBy === 'string' && !isSelf(address, requestedBy) ? requestedBy : null;
}

function subscribeText(outcome: RequestOutcome, address: string, list: MailingList): string {
  switch (outcome) {
    case 'subscribed': return `${address} is now a member of ${list.address}.`;
    case 'pending_approval': return `The request to join ${list.address} as ${address} waits for a moderator's approval.`;
    case 'already_member': return `${address} is already a member of ${list.address}.`;
    case 'banned': return `${address} may not join ${list.address}.`;
    default: return `A confirmation request has been sent to ${address}. The subscription starts when it is confirmed.`;
  }
}

function unsubscribeText(outcome: RequestOutcome, address: string, list: MailingList): string {
  switch (outcome) {
    case 'unsubscribed': return `${address} has left ${list.address}.`;
    case 'not_member': return `${address} is not a member of ${list.address}.`;
    default: return `A confirmation request has been sent to ${address}. The membership ends when it is confirmed.`;
  }
}

const subscribePublic = (address: string, list: MailingList): string =>
  `If ${address} may join ${list.address}, a confirmation request has been sent to ${address}. Nothing happens until it is answered.`;
const unsubscribePublic = (address: string, list: MailingList): string =>
  `If ${address} is a member of ${list.address}, a confirmation request has been sent to ${address}. Nothing happens until it is answered.`;

function invalid(address: string): RequestResult {
  const text = `${JSON.stringify(address.slice(0, 100))} is not an email address.`;
  return { outcome: 'invalid_address', address, text, publicText: text, notified: false };
}

interface ConfirmationOrder {
  kind: 'subscribe' | 'unsubscribe';
  address: string;
  via: RequestChannel;
  thirdParty: string | null;
  data: Record<string, string | number | boolean | null>;
}

/** Creates a confirmation token and mails it to the address; false when the rate limit said no. */
async function sendConfirmation(deps: SubscriptionDeps, list: MailingList, o: ConfirmationOrder): Promise<boolean> {
  const now = deps.now();
  if (!(await deps.store.hitRateLimit(confirmLimitKey(o.address), now, 3_600_000, deps.confirmMailsPerHour))) return false;
  const token = deps.token();
  const expiresAt = new Date(now.getTime() + list.settings.confirmExpiryDays * DAY_MS);
  await deps.store.createPending({ token, listId: list.id, kind: o.kind, address: o.address, data: o.data, createdAt: now, expiresAt });
  const t = confirmationText({ site: deps.site, list, kind: o.kind, address: o.address, token, via: o.via, thirdParty: o.thirdParty, expiresAt });
  // Reply-To points at the token's own address, so a reply confirms even when its subject is mangled.
  return queueNotice(deps, list, {
    to: [o.address],
    subject: t.subject,
    text: t.text,
    purpose: `confirm-${o.kind}`,
    replyTo: roleAddress(list.name, list.domain, 'confirm', token),
  });
}

/**
 * Puts a subscription before the moderators: one pending approval per address (a repeated request
 * does not mail them again), a notice to the owners and moderators, and word to the address.
 */
export async function requestApproval(
  deps: SubscriptionDeps,
  list: MailingList,
  m: { address: string; displayName: string; deliveryMode: DeliveryMode },
): Promise<{ notified: boolean }> {
  const now = deps.now();
  const waiting = await deps.store.listPending(list.id, 'approve_subscription');
  if (waiting.some((p) => addressKey(p.address) === addressKey(m.address) && p.expiresAt > now)) return { notified: false };
  const token = deps.token();
  // A moderator may take as long to decide on a person as on a held post.
  const expiresAt = new Date(now.getTime() + list.settings.heldExpiryDays * DAY_MS);
  await deps.store.createPending({
    token, listId: list.id, kind: 'approve_subscription', address: m.address,
    data: { displayName: m.displayName, deliveryMode: m.deliveryMode }, createdAt: now, expiresAt,
  });
  const forModerators = approvalRequestText(deps.site, list, m.address, m.displayName);
  await queueNotice(deps, list, {
    to: await moderatorAddresses(deps, list), subject: forModerators.subject, text: forModerators.text,
    purpose: 'subscription-approval', signedBy: 'owner',
  });
  const forPerson = awaitingApprovalText(list, m.address);
  const notified = await queueNotice(deps, list, {
    to: [m.address], subject: forPerson.subject, text: forPerson.text, purpose: 'awaiting-approval', limitKey: replyLimitKey(m.address),
  });
  return { notified };
}

/** Asks for `address` to join `list`, following the list's subscribe policy. */
export async function requestSubscribe(deps: SubscriptionDeps, list: MailingList, req: SubscribeRequest): Promise<RequestResult> {
  const address = cleanAddress(req.address);
  if (!isValidAddress(address)) return invalid(address);
  const self = isSelf(address, req.requestedBy);
  const displayName = (req.displayName ?? '').trim().slice(0, 200);
  const deliveryMode = req.deliveryMode ?? 'regular';
  const done = (outcome: RequestOutcome, notified: boolean): RequestResult => ({
    outcome, address, text: subscribeText(outcome, address, list), publicText: subscribePublic(address, list), notified,
  });
  return deps.store.transaction(async (store) => {
    const d = { ...deps, store };
    if (isBanned(list, address)) return done('banned', false);
    if (await store.getMember(list.id, address, 'member')) return done('already_member', false);
    const policy = list.settings.subscribePolicy;
    if (self && policy === 'open') {
      // The sender's own request acts at once; the welcome is its reply, so it shares the reply limit.
      const { notified } = await subscribeNow(d, list, { address, displayName, deliveryMode }, { limitKey: replyLimitKey(address) });
      return done('subscribed', notified);
    }
    if (self && policy === 'approve') {
      const { notified } = await requestApproval(d, list, { address, displayName, deliveryMode });
      return done('pending_approval', notified);
    }
    // confirm, confirm_then_approve, and every request about someone else: confirm at the address.
    const sent = await sendConfirmation(d, list, {
      kind: 'subscribe', address, via: req.via, thirdParty: thirdPartyOf(address, req.requestedBy),
      data: {
        displayName, deliveryMode, thenApprove: policy === 'approve' || policy === 'confirm_then_approve',
        via: req.via, requestedBy: req.requestedBy ?? null,
      },
    });
    return done(sent ? 'confirmation_sent' : 'rate_limited', sent);
  });
}

/** Asks for `address` to leave `list`, following the list's unsubscribe policy. */
export async function requestUnsubscribe(deps: SubscriptionDeps, list: MailingList, req: UnsubscribeRequest): Promise<RequestResult> {
  const address = cleanAddress(req.address);
  if (!isValidAddress(address)) return invalid(address);
  const self = isSelf(address, req.requestedBy);
  const done = (outcome: RequestOutcome, notified: boolean): RequestResult => ({
    outcome, address, text: unsubscribeText(outcome, address, list), publicText: unsubscribePublic(address, list), notified,
  });
  return deps.store.transaction(async (store) => {
    const d = { ...deps, store };
    const member = await store.getMember(list.id, address, 'member');
    if (!member) return done('not_member', false);
    if (self && list.settings.unsubscribePolicy === 'open') {
      const { notified } = await unsubscribeNow(d, list, member, { limitKey: replyLimitKey(address) });
      return done('unsubscribed', notified);
    }
    const sent = await sendConfirmation(d, list, {
      kind: 'unsubscribe', address: member.address, via: req.via, thirdParty: thirdPartyOf(address, req.requestedBy),
      data: { via: req.via, requestedBy: req.requestedBy ?? null },
    });
    return done(sent ? 'confirmation_sent' : 'rate_limited', sent);
  });
}
