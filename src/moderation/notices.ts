// The notices moderation sends: to moderators when a post is held, to posters when a post is
// rejected or expires. Each is a `notify` job enqueued in the caller's transaction.
import type { MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import { moderationUrl } from '../domain/urls.ts';
import type { RuleHit } from '../domain/verdict.ts';
import type { Store, StoredMessage } from '../store/types.ts';
import { composeNotice, notifyJob } from '../delivery/index.ts';
import type { ModerationDeps } from './deps.ts';
import { signModeration, MODERATION_ACTIONS } from './signing.ts';

/** Owners and moderators of the list; the site admin when it has none. */
export async function moderatorAddresses(store: Store, list: MailingList, fallback: string): Promise<string[]> {
  const [owners, mods] = await Promise.all([store.listMembers(list.id, { role: 'owner' }), store.listMembers(list.id, { role: 'moderator' })]);
  const all = [...new Set([...owners, ...mods].map((m) => m.address.toLowerCase()))];
  return all.length ? all : [fallback];
}

export async function enqueueHeldNotice(tx: Store, d: ModerationDeps, list: MailingList, msg: StoredMessage, hits: RuleHit[], raw: Buffer): Promise<void> {
  const to = await moderatorAddresses(tx, list, d.site.adminAddress);
  const links = MODERATION_ACTIONS.map((a) => `  ${a.padEnd(8)} ${moderationUrl(d.site, list.name, msg.id, a, signModeration(d.secret, list.id, msg.id, a))}`);
  const text = [
    `A post to ${list.address} is waiting for a moderator.`,
    '',
    `    List:    ${listDisplayName(list)} <${list.address}>`,
    `    From:    ${msg.fromAddress ?? msg.envelopeFrom ?? '(unknown)'}`,
    `    Subject: ${msg.subject ?? '(no subject)'}`,
    '',
    'Held because:',
    ...hits.map((h) => `  - ${h.reason} [${h.rule}]`),
    '',
    'One click decides (no sign-in needed; each link works for this post only):',
    ...links,
    '',
    `Or from the command line: caucus held approve ${list.address} ${msg.id}`,
    `The post is discarded if nobody decides within ${list.settings.heldExpiryDays} days.`,
    '',
  ].join('\n');
  const raw2 = await composeNotice({
    from: roleAddress(list.name, list.domain, 'owner'),
    to,
    subject: `${listDisplayName(list)} post from ${msg.fromAddress ?? 'unknown sender'} requires approval`,
    text,
    hostname: d.site.hostname,
    date: d.now(),
    attachMessage: raw,
  });
  await tx.enqueue(notifyJob({ listId: list.id, envelopeFrom: roleAddress(list.name, list.domain, 'bounces'), to, raw: raw2.toString('base64'), purpose: 'held-notice' }), d.now());
}

export async function enqueuePosterNotice(tx: Store, d: ModerationDeps, list: MailingList, to: string, subject: string, text: string, purpose: string, original?: Buffer): Promise<void> {
  const raw = await composeNotice({
    from: roleAddress(list.name, list.domain, 'owner'),
    to,
    subject,
    text,
    hostname: d.site.hostname,
    date: d.now(),
    ...(original ? { attachMessage: original } : {}),
  });
  await tx.enqueue(notifyJob({ listId: list.id, envelopeFrom: roleAddress(list.name, list.domain, 'bounces'), to: [to], raw: raw.toString('base64'), purpose }), d.now());
}
