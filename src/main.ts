// The composition root: reads the config, opens the store, wires the features to the edges and
// starts what the command asks for. The only file that picks SQLite or PostgreSQL, and the only
// one that sets the exit code.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { Cron } from 'croner';
import { serve as serveHttp } from '@hono/node-server';
import { loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import type { Site } from './domain/site.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';
import { COMMANDS, type App, type CliIO } from './cli/index.ts';
import { runProgram } from './cli/run-program.ts';
import { createInboundServer } from './inbound/server.ts';
import { createWebApp, ARCHIVE_PAGES_DELAY_MS, ArchivePagesPayload, keepMonthPages } from './web/index.ts';
import { startWorker, PermanentJobError, type JobHandler, type Worker } from './jobs/index.ts';
import { processIncoming, IncomingPayload, type PipelineDeps } from './pipeline/index.ts';
import { expireHolds } from './moderation/index.ts';
import { DeliverPayload, NotifyPayload, RendererCache, runDeliverJob, sendNotice, type DeliveryDeps } from './delivery/index.ts';
import { openTransport } from './delivery/index.ts';
import { runBounceMaintenance } from './bounces/index.ts';
import { DigestPayload, enqueueDueDigests, runDigestJob, type DigestDeps } from './digests/index.ts';
import type { QueueName } from './store/types.ts';
import { archivePost, ArchivePayload } from './archive/index.ts';
import { cachingResolver, createMailAuth, DkimKeyring, signerForList, systemDnsQuery, type DnsQuery } from './auth-mail/index.ts';

// Lower-case hex: tokens travel in local parts (L-confirm+TOKEN), which some MTAs case-fold.
const token = (): string => randomBytes(20).toString('hex');

function siteOf(c: Config): Site {
  const host = c.listen === '0.0.0.0' || c.listen === '::' ? '127.0.0.1' : c.listen;
  return {
    baseUrl: (c.baseUrl || `http://${host.includes(':') ? `[${host}]` : host}:${c.httpPort}`).replace(/\/+$/, ''),
    hostname: c.hostname,
    siteName: c.siteName,
    adminAddress: c.adminAddress || `postmaster@${c.hostname}`,
  };
}

function parsePayload<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } }, text: string): T {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new PermanentJobError('payload is not JSON');
  }
  const r = schema.safeParse(v);
  if (!r.success) throw new PermanentJobError(`bad payload: ${r.error.message}`);
  return r.data;
}

export interface Running {
  ports: { smtp: number; lmtp: number; http: number };
  worker: Worker | null;
  stop(): Promise<void>;
}

export type BuiltApp = App & { start(): Promise<Running>; close(): Promise<void> };

export interface BuildOptions {
  /** The clock every feature reads (tests pass a fake one). */
  now?: () => Date;
  /** DNS for DMARC, SPF and DKIM look-ups; the system's resolvers when absent (tests pass an in-process zone). */
  dns?: DnsQuery;
}

export async function buildApp(config: Config, logger = pino({ level: config.logLevel }), opts: BuildOptions = {}): Promise<BuiltApp> {
  const store: Store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const secret = await store.setSiteValueIfAbsent('secret', randomBytes(32).toString('base64url'));
  const site = siteOf(config);
  const now = opts.now ?? (() => new Date());
  const transport = openTransport(config.outbound || `maildir:${join(config.dataDir, 'outbox')}`, { smtp: { maxConnections: config.outboundConnections } });
  let wake = () => {};
  const resolver = cachingResolver(opts.dns ?? systemDnsQuery({ servers: config.dnsServers }), { now: () => Date.now() });
  const mailAuth = createMailAuth({ resolver, authservId: site.hostname, now });
  const dkimKeys = new DkimKeyring(config.dkimKeysDir || join(config.dataDir, 'dkim'));
  const pipeline: PipelineDeps = {
    store, site, now, secret, token, confirmMailsPerHour: config.confirmMailsPerHour,
    bulkChunk: config.bulkRecipientsPerTransaction, wake: () => wake(), mailAuth,
  };
  const delivery: DeliveryDeps = {
    store, site, now, transport, retryMaxAgeMs: config.retryMaxAgeHours * 3_600_000,
    bulkChunk: config.bulkRecipientsPerTransaction, sendConcurrency: config.outboundConnections * 4, renderers: new RendererCache(),
    signer: (list) => signerForList(dkimKeys, list, site.hostname, now),
  };
  const digests: DigestDeps = { store, site, now, transport, retryMaxAgeMs: config.retryMaxAgeHours * 3_600_000, signer: delivery.signer, wake: () => wake() };
  const handlers: Partial<Record<QueueName, JobHandler>> = {
    incoming: (job) => processIncoming(pipeline, parsePayload(IncomingPayload, job.payload)),
    deliver: async (job) => {
      const r = await runDeliverJob(delivery, parsePayload(DeliverPayload, job.payload));
      logger.debug({ job: job.id, ...r }, 'delivered');
    },
    notify: (job) => sendNotice(transport, store, parsePayload(NotifyPayload, job.payload), now()),
    maintenance: async () => {
      await expireHolds(pipeline);
      await store.purgeExpiredPending(now());
      await store.purgeExpiredWeb(now());
      await store.purgeDoneJobs(new Date(now().getTime() - 7 * 86_400_000));
      const b = await runBounceMaintenance(pipeline);
      const digestsDue = await enqueueDueDigests(digests);
      // Month pages no job renewed (a list's address hiding changed, a job lost): kept again here.
      let monthPages = 0;
      for (const list of await store.listLists()) monthPages += await keepMonthPages(store, list);
      logger.debug({ ...b, digestsDue, monthPages }, 'maintenance');
    },
    archive: async (job) => {
      const p = parsePayload(ArchivePayload, job.payload);
      const list = await store.getList(p.listId);
      if (!list) return;
      logger.debug({ job: job.id, ...(await archivePost(store, list, p.postId, now())) }, 'archive');
      // The month's kept Pipermail pages are out of date now: rendered again a little later.
      await store.enqueue({ queue: 'archive-pages', payload: { listId: list.id } satisfies ArchivePagesPayload, runAt: new Date(now().getTime() + ARCHIVE_PAGES_DELAY_MS) }, now());
    },
    'archive-pages': async (job) => {
      const list = await store.getList(parsePayload(ArchivePagesPayload, job.payload).listId);
      if (list) logger.debug({ job: job.id, pages: await keepMonthPages(store, list) }, 'archive pages');
    },
    digest: async (job) => {
      const r = await runDigestJob(digests, parsePayload(DigestPayload, job.payload));
      logger.debug({ job: job.id, ...r }, 'digest');
    },
  };
  const onError = (job: { id: number; queue: string }, e: unknown, state: string) =>
    logger.warn({ job: job.id, queue: job.queue, state, err: e instanceof Error ? e.message : String(e) }, 'job failed');

  async function runJobsUntilIdle(): Promise<void> {
    const w = startWorker({ store, handlers, now, onError, pollMs: 50 });
    await w.drain();
    await w.stop();
  }

  /** Starts servers and workers; ports of 0 pick free ports (tests), reported in `ports`. */
  async function start(): Promise<Running> {
    const worker = config.workers > 0 ? startWorker({ store, handlers, now, onError, concurrency: 8 * config.workers }) : null;
    if (worker) wake = () => worker.wake();
    const maxBytes = 64 * 1024 * 1024;
    const closers: Array<() => Promise<void>> = [];
    const ports = { smtp: 0, lmtp: 0, http: 0 };
    const inbound = [['smtp', config.smtpPort, false], ['lmtp', config.lmtpPort, true]] as const;
    for (const [name, port, lmtp] of inbound) {
      if (port === 0 && !config.ephemeralPorts) continue;
      const s = createInboundServer({ store, now, lmtp, hostname: config.hostname, maxBytes, maxRecipients: config.maxRecipientsPerSession, onQueued: () => wake(), onError: (e) => logger.error({ err: String(e) }, 'inbound') });
      const listening = once(s.server, 'listening');
      s.listen(port, config.listen);
      await listening;
      ports[name] = (s.server.address() as AddressInfo).port;
      closers.push(() => new Promise<void>((r) => s.close(() => r())));
    }
    if (config.httpPort > 0 || config.ephemeralPorts) {
      const web = createWebApp({ ...pipeline, logger, trustProxy: config.trustProxy, archivePageCacheBytes: config.archivePageCacheMb << 20 });
      const http = serveHttp({ fetch: web.fetch, port: config.httpPort, hostname: config.listen });
      if (!http.listening) await once(http, 'listening');
      ports.http = (http.address() as AddressInfo).port;
      closers.push(() => new Promise<void>((r) => http.close(() => r())));
    }
    const cron = new Cron('*/10 * * * *', () => void store.enqueue({ queue: 'maintenance', payload: {} }, now()).then(() => wake()));
    logger.info({ ...ports, listen: config.listen, outbound: config.outbound || 'maildir' }, 'caucus serving');
    return {
      ports,
      worker,
      async stop() {
        cron.stop();
        await Promise.all(closers.map((c) => c()));
        await worker?.stop();
      },
    };
  }

  async function serve(): Promise<void> {
    const running = await start();
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    logger.info('stopping');
    await running.stop();
  }

  return {
    config, site, store, now, pipeline, token, runJobsUntilIdle, serve, start,
    async close() {
      await transport.close();
      await store.close();
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const io: CliIO = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s), stdin: process.stdin };
  let app: (App & { close(): Promise<void> }) | null = null;
  const deps = async () => (app ??= await buildApp(loadConfig(process.env, process.cwd()), pino({ level: process.env.CAUCUS_LOG_LEVEL ?? 'info' }, process.stderr)));
  process.exitCode = await runProgram(argv, io, COMMANDS, deps, async () => {
    if (app) await app.close();
  });
}
