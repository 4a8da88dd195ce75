// What bounce processing needs from its caller: the store, site facts for links and addresses, the
// clock, the site secret (re-enable links) and a token source (probes).
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';

export interface BounceDeps {
  store: Store;
  site: Site;
  now(): Date;
  secret: string;
  token(): string;
}
