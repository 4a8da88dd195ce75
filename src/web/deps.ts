// What the web edge needs: the pipeline's dependencies (store, site, clock, secret, tokens) and a
// logger; whether to believe X-Forwarded-For (only behind a reverse proxy that sets it).
import type { PipelineDeps } from '../pipeline/index.ts';

export interface WebLogger {
  error(obj: object, msg?: string): void;
}

export interface WebDeps extends PipelineDeps {
  logger: WebLogger;
  /** Take the client address from the last X-Forwarded-For hop (per-IP rate limits behind a proxy). */
  trustProxy?: boolean;
  /** Memory for rendered archive month indexes, in bytes (0 keeps none); default 32 MiB. */
  archivePageCacheBytes?: number;
}
