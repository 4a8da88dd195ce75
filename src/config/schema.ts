// Every site option in one zod schema: its type, default and one-line description. Values come
// from a config file (caucus.toml or caucus.json) and CAUCUS_* environment variables, in that order.
import { z } from 'zod';

export const ConfigSchema = z
  .object({
    dataDir: z.string().default('./data').describe('Folder for the SQLite database and the default outbox (CAUCUS_DATA_DIR)'),
    databaseUrl: z.string().default('').describe('postgres://… to use PostgreSQL; empty for SQLite in dataDir (DATABASE_URL)'),
    listen: z.string().default('127.0.0.1').describe('Address the SMTP, LMTP and web servers listen on (CAUCUS_LISTEN)'),
    smtpPort: z.number().int().min(0).max(65535).default(2525).describe('SMTP port for incoming mail; 0 turns it off (CAUCUS_SMTP_PORT)'),
    lmtpPort: z.number().int().min(0).max(65535).default(8024).describe('LMTP port for incoming mail from the MTA; 0 turns it off (CAUCUS_LMTP_PORT)'),
    httpPort: z.number().int().min(0).max(65535).default(8080).describe('Web port; 0 turns it off (CAUCUS_HTTP_PORT)'),
    outbound: z.string().default('').describe('Where mail goes: smtp://host:port, lmtp://host:port or maildir:PATH; default maildir:<dataDir>/outbox (CAUCUS_OUTBOUND)'),
    outboundConnections: z.number().int().min(1).max(100).default(5).describe('Pooled connections to the outbound MTA'),
    bulkRecipientsPerTransaction: z.number().int().min(1).max(1000).default(500).describe('RCPT TO per SMTP transaction in bulk mode'),
    baseUrl: z.string().default('').describe('Public URL of the web interface; default http://<listen>:<httpPort> (CAUCUS_BASE_URL)'),
    hostname: z.string().default('localhost').describe('Host name for the SMTP greeting and generated Message-IDs (CAUCUS_HOSTNAME)'),
    siteName: z.string().default('Caucus').describe('Name of this site in pages and notices'),
    adminAddress: z.string().default('').describe('Site administrator address; default postmaster@<hostname>'),
    maxRecipientsPerSession: z.number().int().min(1).default(100).describe('RCPT TO accepted in one incoming SMTP transaction'),
    retryMaxAgeHours: z.number().min(1).default(120).describe('How long a deferred delivery is retried before it fails (default 5 days)'),
    confirmMailsPerHour: z.number().int().min(1).default(3).describe('Confirmation mails one address may be sent per hour'),
    ephemeralPorts: z.boolean().default(false).describe('Port 0 picks a free port instead of turning the server off (tests)'),
    workers: z.number().int().min(0).max(64).default(1).describe('Job workers in this process; 0 runs none (a web-only or SMTP-only process)'),
    dkimKeysDir: z.string().default('').describe('Folder of DKIM private keys (<domain>/<selector>.pem, written by caucus dkim keygen); default <dataDir>/dkim'),
    dnsServers: z.array(z.string()).default([]).describe('DNS resolvers for DMARC, SPF and DKIM look-ups (ip or ip:port); default the system\'s'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level (CAUCUS_LOG_LEVEL)'),
    archivePageCacheMb: z.number().int().min(0).max(4096).default(32).describe('Memory for rendered archive month indexes in each web process, in MiB; 0 keeps none'),
    trustProxy: z.boolean().default(false).describe('Behind a reverse proxy: per-client web rate limits use the last X-Forwarded-For hop'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
