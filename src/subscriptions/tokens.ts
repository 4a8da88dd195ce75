// What a token does when it comes back: a confirmation (from a reply, the +TOKEN address or the
// web page) carries out its join or leave; a moderator approves or refuses a subscription. Each
// token is used once and deleted in the same transaction as the change it makes.
import { DELIVERY_MODES } from '../domain/list.ts';
import type { DeliveryMode, MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import type { Pending, Store } from '../store/types.ts';
import { isBanned } from './banned.ts';
import { subscribeNow, unsubscribeNow } from './membership.ts';
import { refusalText } from './notice-texts.ts';
import { queueNotice } from './notices.ts';
import { requestApproval } from './requests.ts';
import type { SubscriptionDeps, TokenResult } from './types.ts';

const day = (d: Date): string => d.toISOString().slice(0, 10);

const NOT_FOUND: TokenResult = {
  ok: false,
  error: 'not_found',
  message: 'No request waits for this code: it may have been used already, or mistyped.',
};

function membershipData(p: Pending): { displayName: string; deliveryMode: DeliveryMode } {
  const name = p.data.displayName;
  const mode = p.data.deliveryMode;
  return {
    displayName: typeof name === 'string' ? name : '',
    deliveryMode: (DELIVERY_MODES as readonly unknown[]).includes(mode) ? (mode as DeliveryMode) : 'regular',
  };
}

type Opened = { pending: Pending; list: MailingList } | { failure: TokenResult };

/** Finds a live token of the wanted kinds; an expired one is deleted and reported as such. */
async function openToken(store: Store, token: string, now: Date, kinds: readonly Pending['kind'][]): Promise<Opened> {
  const pending = token === '' ? null : await store.getPending(token);
  if (!pending) return { failure: NOT_FOUND };
  if (!kinds.includes(pending.kind)) return { failure: { ok: false, error: 'wrong_kind', message: 'This code is not for this kind of request.' } };
  if (pending.expiresAt.getTime() <= now.getTime()) {
    await store.deletePending(token);
    return {
      failure: { ok: false, error: 'expired', message: `This request expired on ${day(pending.expiresAt)}. Please make it again.` },
    };
  }
  const list = await store.getList(pending.listId);
  if (!list) {
    await store.deletePending(token);
    return { failure: NOT_FOUND };
  }
  return { pending, list };
}

const ok = (outcome: Extract<TokenResult, { ok: true }>['outcome'], list: MailingList, address: string, message: string, notified: boolean): TokenResult =>
  ({ ok: true, outcome, listId: list.id, address, message, notified });

export interface TokenDescription {
  kind: Pending['kind'];
  listId: number;
  address: string;
  expiresAt: Date;
  expired: boolean;
}

/**
 * What a token stands for, without using it: the web's confirmation page shows this and asks for
 * one click, because mail scanners fetch links and must not confirm anything by doing so.
 */
export async function describeToken(deps: SubscriptionDeps, token: string): Promise<TokenDescription | null> {
  const p = token === '' ? null : await deps.store.getPending(token);
  if (!p) return null;
  return { kind: p.kind, listId: p.listId, address: p.address, expiresAt: p.expiresAt, expired: p.expiresAt.getTime() <= deps.now().getTime() };
}

/** Carries out the join or leave a confirmation token stands for. */
export async function confirmToken(deps: SubscriptionDeps, token: string): Promise<TokenResult> {
  return deps.store.transaction(async (store) => {
    const d = { ...deps, store };
    const opened = await openToken(store, token, deps.now(), ['subscribe', 'unsubscribe']);
    if ('failure' in opened) return opened.failure;
    const { pending, list } = opened;
    await store.deletePending(token);
    const name = listDisplayName(list);
    const existing = await store.getMember(list.id, pending.address, 'member');
    if (pending.kind === 'unsubscribe') {
      if (!existing) return ok('not_member', list, pending.address, `${pending.address} is not a member of the ${name} mailing list.`, false);
      const { notified } = await unsubscribeNow(d, list, existing);
      return ok('unsubscribed', list, pending.address, `${pending.address} has left the ${name} mailing list.`, notified);
    }
    if (isBanned(list, pending.address)) return { ok: false, error: 'banned', message: `${pending.address} may not join the ${name} mailing list.` };
    if (existing) return ok('already_member', list, pending.address, `${pending.address} is already a member of the ${name} mailing list.`, false);
    const m = membershipData(pending);
    if (pending.data.thenApprove === true) {
      const { notified } = await requestApproval(d, list, { address: pending.address, ...m });
      return ok('pending_approval', list, pending.address, `Thank you. The request to join the ${name} mailing list now waits for a moderator's approval.`, notified);
    }
    const { notified } = await subscribeNow(d, list, { address: pending.address, ...m });
    return ok('subscribed', list, pending.address, `${pending.address} is now a member of the ${name} mailing list.`, notified);
  });
}

/** A moderator lets a waiting subscription through. */
export async function approvePending(deps: SubscriptionDeps, token: string): Promise<TokenResult> {
  return deps.store.transaction(async (store) => {
    const opened = await openToken(store, token, deps.now(), ['approve_subscription']);
    if ('failure' in opened) return opened.failure;
    const { pending, list } = opened;
    await store.deletePending(token);
    const name = listDisplayName(list);
    if (isBanned(list, pending.address)) return { ok: false, error: 'banned', message: `${pending.address} is banned from the ${name} mailing list.` };
    if (await store.getMember(list.id, pending.address, 'member')) {
      return ok('already_member', list, pending.address, `${pending.address} is already a member of the ${name} mailing list.`, false);
    }
    const { notified } = await subscribeNow({ ...deps, store }, list, { address: pending.address, ...membershipData(pending) });
    return ok('subscribed', list, pending.address, `${pending.address} is now a member of the ${name} mailing list.`, notified);
  });
}

/** A moderator turns a waiting subscription down; the person is told, with the reason if given. */
export async function refusePending(deps: SubscriptionDeps, token: string, reason?: string): Promise<TokenResult> {
  return deps.store.transaction(async (store) => {
    const opened = await openToken(store, token, deps.now(), ['approve_subscription']);
    if ('failure' in opened) return opened.failure;
    const { pending, list } = opened;
    await store.deletePending(token);
    const t = refusalText(list, reason?.slice(0, 2000));
    const notified = await queueNotice({ ...deps, store }, list, { to: [pending.address], subject: t.subject, text: t.text, purpose: 'subscription-refused' });
    return ok('refused', list, pending.address, `The request from ${pending.address} to join the ${listDisplayName(list)} mailing list was refused.`, notified);
  });
}
