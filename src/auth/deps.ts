// What the auth feature needs from its caller: the store, the site (for links), a clock, fresh
// random tokens, and the per-address mail limit it shares with confirmations.
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';

export interface AuthDeps {
  store: Store;
  site: Site;
  now(): Date;
  /** A fresh random, URL-safe token. */
  token(): string;
  /** Most mails (sign-in links, resets) sent to one address per hour. */
  confirmMailsPerHour: number;
}
