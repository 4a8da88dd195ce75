// What the CLI commands may use: the opened application, built by main.ts (the composition root),
// so commands hold no wiring of their own.
import type { Config } from '../config/schema.ts';
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';
import type { PipelineDeps } from '../pipeline/index.ts';

export interface App {
  config: Config;
  site: Site;
  store: Store;
  now(): Date;
  pipeline: PipelineDeps;
  /** Runs queued jobs in this process until none is runnable (used by one-shot commands). */
  runJobsUntilIdle(): Promise<void>;
  /** Starts the servers and workers and resolves when the process is asked to stop. */
  serve(): Promise<void>;
  /** A fresh random token (url-safe). */
  token(): string;
}

/** What the archive commands (import, export, reindex) use: also built by archive-main.ts alone. */
export type StoreApp = Pick<App, 'config' | 'store' | 'now'> & {
  /** A full garbage collection, when the root can ask for one (a long import calls it now and then). */
  reclaimMemory?: () => void;
};
