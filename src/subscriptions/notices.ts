// Queues the mails this feature sends (confirmations, welcomes, replies, moderator notices) as
// `notify` jobs on the store it is given, so a caller inside a transaction commits the state
// change and its notice together. Mail to one address can be throttled by a rate-limit key.
import { addressKey } from '../domain/address.ts';
import type { MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import { composeNotice, notifyJob } from '../delivery/index.ts';
import type { SubscriptionDeps } from './types.ts';

const HOUR_MS = 3_600_000;

export interface OutgoingNotice {
  to: string[];
  subject: string;
  text: string;
  /** Why it is sent, shown in the queue view: `confirm`, `welcome`, `command-results`, ... */
  purpose: string;
  /** The list robot that signs it: `-request` for people's requests, `-owner` for moderators. */
  signedBy?: 'request' | 'owner';
  replyTo?: string;
  inReplyTo?: string;
  /** Rate-limit key (`confirm:<address>`, `reply:<address>`); over the limit nothing is queued. */
  limitKey?: string;
}

/** `"Display Name" <address>`, with the characters that would break the quoting taken out. */
export function mailbox(name: string, address: string): string {
  const clean = name.replace(/["\\\r\n]/g, '').trim();
  return clean ? `"${clean}" <${address}>` : address;
}

export const confirmLimitKey = (address: string): string => `confirm:${addressKey(address)}`;
export const replyLimitKey = (address: string): string => `reply:${addressKey(address)}`;

/** Queues one notice; false when the rate limit held it back. */
export async function queueNotice(deps: SubscriptionDeps, list: MailingList, n: OutgoingNotice): Promise<boolean> {
  const now = deps.now();
  if (n.limitKey !== undefined && !(await deps.store.hitRateLimit(n.limitKey, now, HOUR_MS, deps.confirmMailsPerHour))) {
    return false;
  }
  const robot = roleAddress(list.name, list.domain, n.signedBy ?? 'request');
  const raw = await composeNotice({
    from: mailbox(listDisplayName(list), robot),
    to: n.to,
    subject: n.subject,
    text: n.text,
    hostname: deps.site.hostname,
    date: now,
    ...(n.replyTo ? { replyTo: n.replyTo } : {}),
    ...(n.inReplyTo ? { inReplyTo: n.inReplyTo } : {}),
    // RFC 2919 List-Id lets members filter the list's robot mail with its posts.
    headers: { 'List-Id': `<${list.name}.${list.domain}>` },
  });
  await deps.store.enqueue(
    notifyJob({
      listId: list.id,
      // Failures come back to the list's bounce address, never to a person (no backscatter loops).
      envelopeFrom: roleAddress(list.name, list.domain, 'bounces'),
      to: n.to,
      raw: raw.toString('base64'),
      purpose: n.purpose,
    }),
    now,
  );
  return true;
}

/** The owners and moderators of a list (deduplicated), or the site administrator when it has none. */
export async function moderatorAddresses(deps: SubscriptionDeps, list: MailingList): Promise<string[]> {
  const people = [
    ...(await deps.store.listMembers(list.id, { role: 'owner' })),
    ...(await deps.store.listMembers(list.id, { role: 'moderator' })),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of people) {
    if (seen.has(addressKey(p.address))) continue;
    seen.add(addressKey(p.address));
    out.push(p.address);
  }
  return out.length > 0 ? out : [deps.site.adminAddress];
}
