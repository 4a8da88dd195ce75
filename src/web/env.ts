// The per-request values the middleware sets for the pages: the signed-in session (if any) and
// the CSRF token every form carries.
import type { Context, Hono } from 'hono';
import type { WebSession } from '../store/types.ts';

export interface WebEnv {
  Variables: {
    session: WebSession | null;
    /** The session cookie's value, for signing out. */
    sessionCookie: string | undefined;
    csrf: string;
  };
}

export type WebApp = Hono<WebEnv>;
export type WebContext = Context<WebEnv>;
