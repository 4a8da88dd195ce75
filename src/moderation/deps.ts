// What the moderation feature needs from its caller.
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';

export interface ModerationDeps {
  store: Store;
  site: Site;
  now(): Date;
  /** Site secret for signed links. */
  secret: string;
}
