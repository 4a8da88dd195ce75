// The cookies the web sets, with the attributes that keep them to this site: HttpOnly (no script
// reads them), SameSite=Lax (other sites' forms do not carry them), Secure when served over HTTPS.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Site } from '../../domain/site.ts';

export const SESSION_COOKIE = 'caucus_session';
export const CSRF_COOKIE = 'caucus_csrf';

const options = (site: Site, maxAgeS?: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: site.baseUrl.startsWith('https:'),
  ...(maxAgeS !== undefined ? { maxAge: maxAgeS } : {}),
});

export const readCookie = (c: Context, name: string): string | undefined => getCookie(c, name);

export function writeCookie(c: Context, site: Site, name: string, value: string, maxAgeS?: number): void {
  setCookie(c, name, value, options(site, maxAgeS));
}

export function clearCookie(c: Context, site: Site, name: string): void {
  deleteCookie(c, name, options(site));
}
