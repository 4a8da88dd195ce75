// Reads the session cookie once per request and puts the live session (or null) on the context.
import type { MiddlewareHandler } from 'hono';
import { readSession } from '../../auth/index.ts';
import type { WebDeps } from '../deps.ts';
import type { WebEnv } from '../env.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

export function sessionMiddleware(d: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const cookie = readCookie(c, SESSION_COOKIE);
    c.set('sessionCookie', cookie);
    c.set('session', await readSession(d, cookie));
    await next();
  };
}
