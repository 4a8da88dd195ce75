// The web edge: a Hono app with security headers on every response and a body-size cap; the JSON
// API, the archive and the HTML pages (sessions, CSRF checks) mounted beside each other. Pages are
// server-rendered and work without JavaScript.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { WebDeps } from './deps.ts';
import { createPages } from './pages.tsx';
import { createApi } from './api/index.ts';
import { createArchiveRoutes } from './archive/index.tsx';

export type { WebDeps } from './deps.ts';
export { sessionOf, canReadArchive } from './access.ts';
export { ARCHIVE_PAGES_DELAY_MS, ArchivePagesPayload, keepMonthPages } from './archive/month-pages.ts';

/** Form posts are small; a CSV roster import is the largest (10 MB holds 100,000 members). */
const MAX_BODY = 10 * 1024 * 1024;

export function createWebApp(d: WebDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.text('Request too large', 413) }));
  app.get('/healthz', (c) => c.text('ok'));
  // Mounts with their own routes (the API, the archive in src/web/archive) come before the pages,
  // whose catch-all answers 404 for everything else.
  app.route('/api/v1', createApi(d));
  app.route('/', createArchiveRoutes(d));
  app.route('/', createPages(d));
  app.onError((e, c) => {
    d.logger.error({ err: e instanceof Error ? e.message : String(e), path: c.req.path }, 'web error');
    return c.text('Internal error', 500);
  });
  return app;
}
