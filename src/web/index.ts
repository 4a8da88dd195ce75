// The web edge: a Hono app with security headers on every response. Pages are server-rendered
// and work without JavaScript.
import { Hono } from 'hono';
import type { WebDeps } from './deps.ts';
import { mountOneClick } from './one-click.tsx';
import { mountConfirm } from './confirm.tsx';
import { mountModerate } from './moderate.tsx';

export type { WebDeps } from './deps.ts';

export function createWebApp(d: WebDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  });
  app.get('/healthz', (c) => c.text('ok'));
  mountOneClick(app, d);
  mountConfirm(app, d);
  mountModerate(app, d);
  app.onError((e, c) => {
    d.logger.error({ err: e instanceof Error ? e.message : String(e), path: c.req.path }, 'web error');
    return c.text('Internal error', 500);
  });
  return app;
}
