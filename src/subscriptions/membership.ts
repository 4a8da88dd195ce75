// Carrying out a join or a leave once it is decided: the membership row and the welcome or
// goodbye notice, on the same store (one transaction when the caller holds one). Also the RFC 8058
// one-click unsubscribe, which acts at once on the member's own secret token.
import type { DeliveryMode, MailingList, Member } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { goodbyeSubject, welcomeSubject } from './notice-texts.ts';
import { queueNotice } from './notices.ts';
import { fillTemplate, listVariables, memberVariables } from './template.ts';
import type { SubscriptionDeps, TokenResult } from './types.ts';

export interface NewMembership {
  address: string;
  displayName?: string;
  deliveryMode?: DeliveryMode;
}

export interface NoticeOptions {
  /** Send the list's welcome/goodbye when the list asks for one (default true). */
  notice?: boolean;
  /** Rate-limit key for that notice (mail requests that act at once). */
  limitKey?: string;
}

/** Adds a member now, without any policy, and welcomes them when the list says so. */
export async function subscribeNow(
  deps: SubscriptionDeps,
  list: MailingList,
  m: NewMembership,
  opts: NoticeOptions = {},
): Promise<{ member: Member; notified: boolean }> {
  return deps.store.transaction(async (store) => {
    const d = { ...deps, store };
    const member = await store.addMember(
      { listId: list.id, address: m.address, displayName: m.displayName ?? '', deliveryMode: m.deliveryMode ?? 'regular' },
      deps.now(),
      deps.token(),
    );
    let notified = false;
    if (list.settings.sendWelcome && opts.notice !== false) {
      notified = await queueNotice(d, list, {
        to: [member.address],
        subject: welcomeSubject(list),
        text: fillTemplate(list.settings.welcomeTemplate, memberVariables(deps.site, list, member)),
        purpose: 'welcome',
        ...(opts.limitKey ? { limitKey: opts.limitKey } : {}),
      });
    }
    return { member, notified };
  });
}

/** Removes a membership now and says goodbye when the list says so. */
export async function unsubscribeNow(
  deps: SubscriptionDeps,
  list: MailingList,
  member: Member,
  opts: NoticeOptions = {},
): Promise<{ notified: boolean }> {
  return deps.store.transaction(async (store) => {
    const d = { ...deps, store };
    await store.removeMember(member.id);
    let notified = false;
    if (list.settings.sendGoodbye && opts.notice !== false) {
      notified = await queueNotice(d, list, {
        to: [member.address],
        subject: goodbyeSubject(list),
        text: fillTemplate(list.settings.goodbyeTemplate, { ...listVariables(deps.site, list), member_address: member.address }),
        purpose: 'goodbye',
        ...(opts.limitKey ? { limitKey: opts.limitKey } : {}),
      });
    }
    return { notified };
  });
}

/**
 * RFC 8058 one-click unsubscribe: the token in the List-Unsubscribe link names one membership and
 * proves the request came from its mailbox, so it acts at once, whatever the list's policy.
 */
export async function unsubscribeByToken(deps: SubscriptionDeps, memberToken: string): Promise<TokenResult> {
  const unknown: TokenResult = {
    ok: false,
    error: 'not_found',
    message: 'This unsubscribe link is not valid any more: the membership it named has already ended.',
  };
  if (memberToken === '') return unknown;
  return deps.store.transaction(async (store) => {
    const member = await store.getMemberByToken(memberToken);
    // Only delivery memberships carry a link in posts; owner and moderator roles are not left this way.
    if (!member || member.role !== 'member') return unknown;
    const list = await store.getList(member.listId);
    if (!list) return unknown;
    const { notified } = await unsubscribeNow({ ...deps, store }, list, member);
    return {
      ok: true,
      outcome: 'unsubscribed',
      listId: list.id,
      address: member.address,
      message: `${member.address} has left the ${listDisplayName(list)} mailing list.`,
      notified,
    };
  });
}
