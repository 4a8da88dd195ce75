// A mailing list and its members as the features see them.
import type { ListSettings } from './list-settings.ts';
import type { ModerationAction } from './list-settings.ts';

export interface MailingList {
  id: number;
  /** Local part, lower-case: `governance`. */
  name: string;
  domain: string;
  /** Posting address: `governance@lists.example.org`. */
  address: string;
  settings: ListSettings;
  createdAt: Date;
}

export const MEMBER_ROLES = ['member', 'owner', 'moderator'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const DELIVERY_MODES = ['regular', 'mime_digest', 'plain_digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface Member {
  id: number;
  listId: number;
  address: string;
  displayName: string;
  role: MemberRole;
  deliveryMode: DeliveryMode;
  /** False when the member (or bounce processing) turned delivery off. */
  deliveryEnabled: boolean;
  disabledReason: string | null;
  receiveOwnPosts: boolean;
  acknowledgePosts: boolean;
  hideFromRoster: boolean;
  /** Per-member moderation; null means the list's defaultMemberAction. */
  moderationAction: ModerationAction | null;
  /** Secret used in the member's one-click unsubscribe link (RFC 8058). */
  unsubscribeToken: string;
  createdAt: Date;
}

export const listDisplayName = (l: Pick<MailingList, 'name' | 'settings'>): string =>
  l.settings.displayName || l.name.charAt(0).toUpperCase() + l.name.slice(1);
