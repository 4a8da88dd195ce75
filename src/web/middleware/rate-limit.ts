// Per-client limits on the forms that send mail or check passwords, counted in the store (so
// several web processes share them). Per-address limits live with the features that send.
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

/** Counts one use; false when the client is over its limit. */
export async function underLimit(c: Context, d: WebDeps, l: FormLimit): Promise<boolean> {
  return d.store.hitRateLimit(`ip:${l.name}:${clientIp(c, d.trustProxy ?? false)}`, d.now(), l.windowMs, l.limit);
}
