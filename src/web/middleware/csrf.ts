// CSRF protection for every form: a random cookie, and in each form an HMAC of that cookie and of
// the session cookie under the site secret. Another site can neither read the token nor, without
// the victim's session, compute it (even if it manages to plant the CSRF cookie). GET never acts,
// so only POSTs are checked. RFC 8058 one-click POSTs come from mail clients without cookies and
// are exempt: their secret is the member's token in the URL.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { WebDeps } from '../deps.ts';
import type { WebContext, WebEnv } from '../env.ts';
import { CSRF_COOKIE, readCookie, SESSION_COOKIE, writeCookie } from './cookies.ts';

export const CSRF_FIELD = '_csrf';

export const csrfToken = (secret: string, cookie: string, session: string | undefined): string =>
  createHmac('sha256', secret).update(`csrf:${cookie}:${session ?? ''}`).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfMiddleware(d: WebDeps, refuse: (c: WebContext) => Response | Promise<Response>, exempt: (path: string) => boolean): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let cookie = readCookie(c, CSRF_COOKIE);
    if (!cookie || !/^[A-Za-z0-9_-]{22,64}$/.test(cookie)) {
      cookie = randomBytes(18).toString('base64url');
      // A session-long cookie: a tab left open overnight still submits.
      writeCookie(c, d.site, CSRF_COOKIE, cookie);
    }
    const token = csrfToken(d.secret, cookie, readCookie(c, SESSION_COOKIE));
    c.set('csrf', token);
    if (c.req.method === 'POST' && !exempt(c.req.path)) {
      const type = c.req.header('content-type') ?? '';
      const form = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type) ? await c.req.parseBody() : {};
      const sent = form[CSRF_FIELD];
      if (typeof sent !== 'string' || !same(sent, token)) return refuse(c);
    }
    await next();
  };
}
