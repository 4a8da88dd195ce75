// Domain records as the API shows them (the response schemas' shapes): times as ISO strings,
// no secrets (member tokens, raw bytes) ever.
import type { z } from 'zod';
import { listDisplayName, type MailingList, type Member as MemberRecord } from '../../domain/list.ts';
import type { Pending, StoredMessage } from '../../store/types.ts';
import type { HeldPost, ListSummary, Member, SubscriptionRequest } from './schemas.ts';

export const listOut = (l: MailingList): z.infer<typeof ListSummary> => ({
  address: l.address, name: l.name, domain: l.domain, displayName: listDisplayName(l), description: l.settings.description,
  advertised: l.settings.advertised, createdAt: l.createdAt.toISOString(),
});

export const memberOut = (m: MemberRecord): z.infer<typeof Member> => ({
  address: m.address, displayName: m.displayName, role: m.role, deliveryMode: m.deliveryMode, deliveryEnabled: m.deliveryEnabled,
  disabledReason: m.disabledReason, receiveOwnPosts: m.receiveOwnPosts, acknowledgePosts: m.acknowledgePosts,
  hideFromRoster: m.hideFromRoster, moderationAction: m.moderationAction, createdAt: m.createdAt.toISOString(),
});

export const heldOut = (m: StoredMessage): z.infer<typeof HeldPost> => ({
  id: m.id, from: m.fromAddress, envelopeFrom: m.envelopeFrom, subject: m.subject, messageId: m.messageId, size: m.size,
  receivedAt: m.receivedAt.toISOString(), expiresAt: m.holdExpiresAt?.toISOString() ?? null,
  hits: m.hits.map((h) => ({ rule: h.rule, action: h.action, reason: h.reason })),
});

export const requestOut = (p: Pending): z.infer<typeof SubscriptionRequest> => ({
  token: p.token, address: p.address, displayName: typeof p.data.displayName === 'string' ? p.data.displayName : '',
  createdAt: p.createdAt.toISOString(), expiresAt: p.expiresAt.toISOString(),
});
