// The JSON REST API under /api/v1 (lists, settings, members, moderation, archive): bearer tokens (RFC 6750) from `caucus tokens create`, requests
// parsed by the same zod schemas that write /api/v1/openapi.json, and every error as
// `{error: {code, message}}` with a stable code. No cookies are read, so no CSRF applies. Requests
// are rate-limited per token, and per client when they carry no valid token.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { authenticateApiToken } from '../../auth/index.ts';
import { CaucusError, isCaucusError, type ErrorCode } from '../../domain/errors.ts';
import type { ApiToken } from '../../store/types.ts';
import type { WebDeps } from '../deps.ts';
import { API_PER_CLIENT, API_PER_TOKEN, retryAfterSeconds, tokenUnderLimit, underLimit, type FormLimit } from '../middleware/rate-limit.ts';
import type { ApiRoute } from './route.ts';
import { LIST_ROUTES } from './list-routes.ts';
import { MEMBER_ROUTES } from './member-routes.ts';
import { MODERATION_ROUTES } from './moderation-routes.ts';
import { ARCHIVE_ROUTES } from './archive-routes.ts';
import { openApiDocument } from './openapi.ts';

export const API_ROUTES: readonly ApiRoute[] = [...LIST_ROUTES, ...MEMBER_ROUTES, ...MODERATION_ROUTES, ...ARCHIVE_ROUTES];

type ApiCode = ErrorCode | 'unauthorized' | 'internal';
const STATUS: Record<ApiCode, 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, rate_limited: 429, internal: 500, unavailable: 503,
};

const fail = (c: Context, code: ApiCode, message: string) => {
  if (code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="caucus"');
  return c.json({ error: { code, message } }, STATUS[code]);
};

/** 429 with the seconds to wait (RFC 6585 §4, RFC 9110 §10.2.3). */
const tooMany = (c: Context, l: FormLimit) => {
  c.header('Retry-After', String(retryAfterSeconds(l)));
  return fail(c, 'rate_limited', `too many requests: at most ${l.limit} in ${Math.round(l.windowMs / 1000)} seconds; try again after the Retry-After delay`);
};

const issues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');

async function readBody(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw new CaucusError('invalid', 'send the body as application/json');
  try {
    return await c.req.json();
  } catch {
    throw new CaucusError('invalid', 'the body is not valid JSON');
  }
}

export function createApi(d: WebDeps): Hono<{ Variables: { token: ApiToken } }> {
  const api = new Hono<{ Variables: { token: ApiToken } }>();
  let doc: unknown = null;
  // The document is built once and served from memory: counting its requests in the store would
  // cost more than serving them, so it has no limit.
  api.get('/openapi.json', (c) => c.json((doc ??= openApiDocument(API_ROUTES, d.site.baseUrl))));
  api.use('*', async (c, next) => {
    const m = (c.req.header('authorization') ?? '').match(/^Bearer\s+(\S+)$/i);
    const token = m ? await authenticateApiToken(d, m[1]!) : null;
    if (!token) {
      // Without a valid token the client's address is all there is to count (token guessing, floods).
      if (!(await underLimit(c, d, API_PER_CLIENT))) return tooMany(c, API_PER_CLIENT);
      return fail(c, 'unauthorized', 'send a valid token: Authorization: Bearer <token from caucus tokens create>');
    }
    if (!(await tokenUnderLimit(d, token.id, API_PER_TOKEN))) return tooMany(c, API_PER_TOKEN);
    c.set('token', token);
    await next();
  });
  for (const r of API_ROUTES) {
    api.on(r.method.toUpperCase(), r.path.replace(/\{(\w+)\}/g, ':$1'), async (c) => {
      const token = c.get('token');
      if (r.siteOnly && token.listId !== null) return fail(c, 'forbidden', 'this needs a site-wide token');
      const query = r.query ? r.query.safeParse(c.req.query()) : { success: true as const, data: {} };
      if (!query.success) return fail(c, 'invalid', issues(query.error));
      let body: unknown = undefined;
      if (r.body) {
        const parsed = r.body.safeParse(await readBody(c));
        if (!parsed.success) return fail(c, 'invalid', issues(parsed.error));
        body = parsed.data;
      }
      const out = await r.handler({ d, token, params: c.req.param() as Record<string, string>, query: query.data, body });
      return r.status === 204 ? c.body(null, 204) : c.json(out, r.status);
    });
  }
  api.all('*', (c) => fail(c, 'not_found', `no API route ${c.req.method} ${c.req.path}`));
  api.onError((e, c) => {
    if (isCaucusError(e)) return fail(c, e.code, e.message);
    d.logger.error({ err: e instanceof Error ? e.message : String(e), path: c.req.path }, 'api error');
    return fail(c, 'internal', 'internal error');
  });
  return api;
}
