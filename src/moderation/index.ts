// The moderation feature's public face.
export type { ModerationDeps } from './deps.ts';
export { holdPost, rejectPost, approveHeld, rejectHeld, discardHeld, expireHolds, type IncomingJobPayload } from './held.ts';
export { signModeration, verifyModeration, MODERATION_ACTIONS, type ModerationLinkAction } from './signing.ts';
export { mayAutoReply } from './auto-reply.ts';
export { moderatorAddresses } from './notices.ts';
