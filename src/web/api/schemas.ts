// The shapes the REST API reads and writes, as zod schemas: requests are parsed with them and the
// OpenAPI document is generated from them, so the two cannot drift apart.
import { z } from 'zod';
import { DELIVERY_MODES, MEMBER_ROLES } from '../../domain/list.ts';
import { ListSettings, MODERATION_ACTIONS } from '../../domain/list-settings.ts';
import { HELD_ACTIONS } from '../admin/held-actions.ts';

const when = z.string().describe('ISO 8601 time, UTC');

export const ApiError = z.object({
  error: z.object({
    code: z.enum(['unauthorized', 'forbidden', 'not_found', 'invalid', 'conflict', 'rate_limited', 'too_large', 'unavailable', 'internal']),
    message: z.string(),
  }),
}).describe('Every error: a stable code and a message for people');

export const ListSummary = z.object({
  address: z.string(),
  name: z.string(),
  domain: z.string(),
  displayName: z.string(),
  description: z.string(),
  advertised: z.boolean(),
  createdAt: when,
});

export const ListDetail = ListSummary.extend({
  members: z.number().int(),
  held: z.number().int(),
  requests: z.number().int(),
});

export const ListCollection = z.object({ lists: z.array(ListSummary) });

export const NewList = z.object({
  address: z.email().describe('The posting address of the new list'),
  owners: z.array(z.email()).max(50).default([]),
  settings: ListSettings.partial().default({}).describe('Settings other than the defaults'),
}).strict();

export const SettingsPatch = ListSettings.partial().strict().describe('Only the settings to change');

export const Member = z.object({
  address: z.string(),
  displayName: z.string(),
  role: z.enum(MEMBER_ROLES),
  deliveryMode: z.enum(DELIVERY_MODES),
  deliveryEnabled: z.boolean(),
  disabledReason: z.string().nullable(),
  receiveOwnPosts: z.boolean(),
  acknowledgePosts: z.boolean(),
  hideFromRoster: z.boolean(),
  moderationAction: z.enum(MODERATION_ACTIONS).nullable(),
  createdAt: when,
});

export const MemberCollection = z.object({
  members: z.array(Member),
  total: z.number().int().describe('Members of this role (before search and paging)'),
  offset: z.number().int(),
  limit: z.number().int(),
});

export const MemberQuery = z.object({
  role: z.enum(MEMBER_ROLES).default('member'),
  search: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const RoleQuery = z.object({ role: z.enum(MEMBER_ROLES).default('member') });

export const NewMember = z.object({
  address: z.email(),
  displayName: z.string().max(200).default(''),
  role: z.enum(MEMBER_ROLES).default('member'),
  deliveryMode: z.enum(DELIVERY_MODES).default('regular'),
  welcome: z.boolean().default(false).describe('Send the list\'s welcome message (members only)'),
}).strict();

export const MemberChange = z.object({
  displayName: z.string().max(200),
  deliveryMode: z.enum(DELIVERY_MODES),
  deliveryEnabled: z.boolean(),
  receiveOwnPosts: z.boolean(),
  acknowledgePosts: z.boolean(),
  hideFromRoster: z.boolean(),
  moderationAction: z.enum(MODERATION_ACTIONS).nullable(),
}).partial().strict();

export const RuleHit = z.object({ rule: z.string(), action: z.string(), reason: z.string() });

export const HeldPost = z.object({
  id: z.number().int(),
  from: z.string().nullable(),
  envelopeFrom: z.string().nullable(),
  subject: z.string().nullable(),
  messageId: z.string().nullable(),
  size: z.number().int(),
  receivedAt: when,
  expiresAt: when.nullable(),
  hits: z.array(RuleHit),
});

export const HeldCollection = z.object({ held: z.array(HeldPost) });

export const HeldDetail = HeldPost.extend({
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  text: z.string(),
  attachments: z.array(z.object({ filename: z.string(), mimeType: z.string(), size: z.number().int() })),
});

export const HeldDecision = z.object({
  action: z.enum(HELD_ACTIONS).describe('accept: approve and stop moderating the sender; ban: discard and ban the sender'),
  reason: z.string().max(2000).default('').describe('Told to the poster on reject'),
}).strict();

export const HeldOutcome = z.object({ id: z.number().int(), action: z.enum(HELD_ACTIONS), state: z.string() });

export const SubscriptionRequest = z.object({
  token: z.string(),
  address: z.string(),
  displayName: z.string(),
  createdAt: when,
  expiresAt: when,
});

export const RequestCollection = z.object({ requests: z.array(SubscriptionRequest) });

export const RequestDecision = z.object({
  action: z.enum(['approve', 'refuse']),
  reason: z.string().max(2000).default(''),
}).strict();

export const RequestOutcome = z.object({ outcome: z.string(), address: z.string(), message: z.string() });

export { ListSettings };
