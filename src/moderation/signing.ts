// Signed one-click moderation links: an HMAC over (list, held message, action) with the site
// secret, so a link in a moderator's notice works without a login and cannot be forged or reused
// for another message or action.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MODERATION_ACTIONS = ['approve', 'reject', 'discard'] as const;
export type ModerationLinkAction = (typeof MODERATION_ACTIONS)[number];

export function signModeration(secret: string, listId: number, heldId: number, action: ModerationLinkAction): string {
  return createHmac('sha256', secret).update(`moderate:${listId}:${heldId}:${action}`).digest('base64url').slice(0, 32);
}

export function verifyModeration(secret: string, listId: number, heldId: number, action: ModerationLinkAction, sig: string): boolean {
  const want = Buffer.from(signModeration(secret, listId, heldId, action));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
