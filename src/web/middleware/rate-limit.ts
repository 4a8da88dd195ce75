// Per-client limits on the forms that send mail or check passwords, and on the REST API (per token,
// and per client for requests without a valid token), counted in the store (so several web
// processes share them). Per-address limits live with the features that send.
import type { Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import { clientIp } from './client-ip.ts';

export interface FormLimit {
  name: string;
  limit: number;
  windowMs: number;
}

/** Mail-sending forms (join, leave, sign-in link, password link, address change) per client per hour. */
export const MAIL_FORMS: FormLimit = { name: 'mail-form', limit: 30, windowMs: 3_600_000 };
/** Password sign-in attempts per client per quarter hour. */
export const PASSWORD_FORMS: FormLimit = { name: 'password', limit: 30, windowMs: 900_000 };
/** REST API requests per token per minute: room for a busy script, not for a runaway loop. */
export const API_PER_TOKEN: FormLimit = { name: 'api-token', limit: 600, windowMs: 60_000 };
/** REST API requests without a valid token (none, unknown, revoked) per client per minute. */
export const API_PER_CLIENT: FormLimit = { name: 'api-anonymous', limit: 60, windowMs: 60_000 };

/** Counts one use by this client; false when it is over its limit. */
export async function underLimit(c: Context, d: WebDeps, l: FormLimit): Promise<boolean> {
  return d.store.hitRateLimit(`ip:${l.name}:${clientIp(c, d.trustProxy ?? false)}`, d.now(), l.windowMs, l.limit);
}

/** Counts one use by an API token; false when it is over its limit. */
export async function tokenUnderLimit(d: WebDeps, tokenId: number, l: FormLimit): Promise<boolean> {
  return d.store.hitRateLimit(`token:${l.name}:${tokenId}`, d.now(), l.windowMs, l.limit);
}

/**
 * Seconds to wait before trying again (RFC 9110 §10.2.3 Retry-After). The store counts a sliding
 * window, its ends included, and does not say when its oldest event leaves it; refused requests are
 * not counted. So this is the whole window and a moment more: after it the client is certainly
 * under the limit again.
 */
export const retryAfterSeconds = (l: FormLimit): number => Math.floor(l.windowMs / 1000) + 1;
