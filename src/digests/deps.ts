// What the digest feature needs from its caller: the store, site facts, the clock, the outbound
// transport (with the list's copy signer) and how long deferred digests are retried.
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';
import type { DeliveryDeps, Transport } from '../delivery/index.ts';

export interface DigestDeps {
  store: Store;
  site: Site;
  now(): Date;
  transport: Transport;
  retryMaxAgeMs: number;
  /** The list's copy signer (DKIM, ARC), as posts have it; absent or null: unsigned. */
  signer?: DeliveryDeps['signer'];
  /** Called after work was enqueued, so an in-process worker starts at once. */
  wake?: () => void;
}
