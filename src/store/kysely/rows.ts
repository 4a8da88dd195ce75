// Maps snake_case rows to the domain's camelCase types, parsing JSON columns through zod so a
// damaged row fails loudly instead of spreading.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DeliveryMode, MailingList, Member, MemberRole } from '../../domain/list.ts';
import { ListSettings, type ModerationAction } from '../../domain/list-settings.ts';
import type { AddressRole } from '../../domain/roles.ts';
import type { RuleHit } from '../../domain/verdict.ts';
import type { Job, JobState, MessageKind, MessageState, Pending, PendingKind, QueueName, StoredMessage } from '../types.ts';
import type { JobsTable, ListsTable, MembersTable, MessagesTable, PendingTable } from './schema.ts';

const date = (ms: number): Date => new Date(Number(ms));
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));

export function toList(r: Selectable<ListsTable>): MailingList {
  return {
    id: Number(r.id),
    name: r.name,
    domain: r.domain,
    address: r.address,
    settings: ListSettings.parse(JSON.parse(r.settings)),
    createdAt: date(r.created_at),
  };
}

export function toMember(r: Selectable<MembersTable>): Member {
  return {
    id: Number(r.id),
    listId: Number(r.list_id),
    address: r.address,
    displayName: r.display_name,
    role: r.role as MemberRole,
    deliveryMode: r.delivery_mode as DeliveryMode,
    deliveryEnabled: r.delivery_enabled === 1,
    disabledReason: r.disabled_reason,
    receiveOwnPosts: r.receive_own_posts === 1,
    acknowledgePosts: r.acknowledge_posts === 1,
    hideFromRoster: r.hide_from_roster === 1,
    moderationAction: r.moderation_action as ModerationAction | null,
    unsubscribeToken: r.unsubscribe_token,
    createdAt: date(r.created_at),
  };
}

const Hits = z.array(
  z.object({
    rule: z.string(),
    action: z.enum(['accept', 'hold', 'reject', 'discard']),
    reason: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
);

export type MessageRow = Omit<Selectable<MessagesTable>, 'raw'>;

export function toMessage(r: MessageRow): StoredMessage {
  return {
    id: Number(r.id),
    listId: r.list_id === null ? null : Number(r.list_id),
    kind: r.kind as MessageKind,
    role: r.role as AddressRole | null,
    detail: r.detail,
    state: r.state as MessageState,
    envelopeFrom: r.envelope_from,
    messageId: r.message_id,
    subject: r.subject,
    fromAddress: r.from_address,
    size: Number(r.size),
    hits: Hits.parse(JSON.parse(r.hits)) as RuleHit[],
    stateReason: r.state_reason,
    holdExpiresAt: dateOrNull(r.hold_expires_at),
    receivedAt: date(r.received_at),
    sourceId: r.source_id === null ? null : Number(r.source_id),
    sequence: r.sequence === null ? null : Number(r.sequence),
  };
}

export function toJob(r: Selectable<JobsTable>): Job {
  return {
    id: Number(r.id),
    queue: r.queue as QueueName,
    payload: r.payload,
    state: r.state as JobState,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: date(r.run_at),
    lockedUntil: dateOrNull(r.locked_until),
    lastError: r.last_error,
    createdAt: date(r.created_at),
  };
}

const PendingData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export function toPending(r: Selectable<PendingTable>): Pending {
  return {
    token: r.token,
    listId: Number(r.list_id),
    kind: r.kind as PendingKind,
    address: r.address,
    data: PendingData.parse(JSON.parse(r.data)),
    createdAt: date(r.created_at),
    expiresAt: date(r.expires_at),
  };
}
