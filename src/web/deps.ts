// What the web edge needs: the pipeline's dependencies (store, site, clock, secret) and a logger.
import type { PipelineDeps } from '../pipeline/index.ts';

export interface WebLogger {
  error(obj: object, msg?: string): void;
}

export interface WebDeps extends PipelineDeps {
  logger: WebLogger;
}
