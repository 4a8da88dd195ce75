// An in-process SMTP/LMTP sink for tests and benchmarks: records every transaction (or only counts
// them), and lets a test script the reply to MAIL FROM, each RCPT TO, and the end of DATA.
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataResult, SMTPServerError, SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** A scripted reply: 250 accepts; any other code refuses with that code. */
export type SinkReply = number | { code: number; text?: string };

export interface SinkTransaction {
  from: string;
  /** Whether the session was under TLS, and the user it authenticated as. */
  secure: boolean;
  user: string | null;
  /** Recipients accepted at RCPT time, in order. */
  recipients: string[];
  /** Recipients whose end-of-DATA reply was 2xx (all of them under SMTP when DATA succeeded). */
  delivered: string[];
  raw: Buffer;
}

export interface SmtpSinkOptions {
  lmtp?: boolean;
  /** Reply to MAIL FROM (default 250). */
  mail?: (from: string) => SinkReply;
  /** Reply to each RCPT TO (default 250). */
  rcpt?: (recipient: string, from: string) => SinkReply;
  /** SMTP: the one reply after the final dot (default 250). */
  data?: (tx: SinkTransaction) => SinkReply;
  /** LMTP: the reply for each accepted recipient after the final dot, RFC 2033 §4.2 (default 250). */
  lmtpData?: (recipient: string, tx: SinkTransaction) => SinkReply;
  /** RCPT TO past this many in one transaction gets smtp-server's 452 (0 = no limit). */
  maxRecipients?: number;
  /** Offer STARTTLS with smtp-server's built-in test certificate (default off). */
  starttls?: boolean;
  /** Require AUTH PLAIN/LOGIN with these credentials (default: no AUTH). */
  auth?: { user: string; pass: string };
  /** Advertise PIPELINING (default true); false makes clients wait for each reply. */
  pipelining?: boolean;
  /** Keep transactions and raw bytes (default true); false only counts, for benchmarks. */
  keep?: boolean;
  /** Bind address (default 127.0.0.1). */
  host?: string;
}

export interface SinkCounts {
  /** Transactions whose DATA completed with at least one delivered recipient. */
  messages: number;
  /** Recipients delivered across all transactions. */
  recipients: number;
  bytes: number;
  /** Client connections accepted, to check that a pool reuses its sessions. */
  connections: number;
}

export interface SmtpSink {
  readonly port: number;
  /** `smtp://127.0.0.1:port` or `lmtp://127.0.0.1:port`. */
  readonly url: string;
  /** Completed transactions (those that reached the end of DATA), when `keep` is on. */
  readonly transactions: readonly SinkTransaction[];
  readonly counts: SinkCounts;
  /** Resolves once at least `n` transactions completed; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<readonly SinkTransaction[]>;
  /** Says 421 and hangs up on every open client connection, as an MTA does at its idle timeout. */
  dropConnections(): void;
  close(): Promise<void>;
}

const defaultText = (code: number): string =>
  code >= 500 ? '5.0.0 Refused by test sink' : code >= 400 ? '4.0.0 Deferred by test sink' : 'OK';

function refusal(reply: SinkReply): SMTPServerError | null {
  const code = typeof reply === 'number' ? reply : reply.code;
  if (code >= 200 && code < 300) return null;
  const text = typeof reply === 'number' ? undefined : reply.text;
  const err: SMTPServerError = new Error(text ?? defaultText(code));
  err.responseCode = code;
  return err;
}

const accepted = (reply: SinkReply): string | null => {
  if (refusal(reply)) return null;
  return typeof reply === 'number' ? 'OK' : (reply.text ?? 'OK');
};

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const keep = opts.keep ?? true;
  const lmtp = opts.lmtp ?? false;
  const transactions: SinkTransaction[] = [];
  const counts: SinkCounts = { messages: 0, recipients: 0, bytes: 0, connections: 0 };
  const waiters = new Set<() => void>();
  let completed = 0;

  const finish = (tx: SinkTransaction): void => {
    completed++;
    if (tx.delivered.length > 0) {
      counts.messages++;
      counts.recipients += tx.delivered.length;
    }
    if (keep) transactions.push(tx);
    for (const w of waiters) w();
  };

  const fromOf = (session: SMTPServerSession): string =>
    session.envelope.mailFrom ? session.envelope.mailFrom.address : '';

  const server = new SMTPServer({
    lmtp,
    logger: false,
    secure: false,
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    disabledCommands: [...(opts.starttls ? [] : ['STARTTLS']), ...(opts.auth ? [] : ['AUTH'])],
    maxRecipients: opts.maxRecipients ?? 0,
    closeTimeout: 200,
    hidePIPELINING: opts.pipelining === false,
    onAuth(auth, _session, cb) {
      const ok = opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass;
      cb(ok ? null : Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onConnect(_session, cb) {
      counts.connections++;
      cb();
    },
    onMailFrom(address, _session, cb) {
      cb(opts.mail ? refusal(opts.mail(address.address)) : null);
    },
    onRcptTo(address, session, cb) {
      cb(opts.rcpt ? refusal(opts.rcpt(address.address, fromOf(session))) : null);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (keep) chunks.push(c);
      });
      stream.on('end', () => {
        counts.bytes += size;
        const tx: SinkTransaction = {
          from: fromOf(session),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
          recipients: session.envelope.rcptTo.map((r) => r.address),
          delivered: [],
          raw: keep ? Buffer.concat(chunks, size) : Buffer.alloc(0),
        };
        if (lmtp) {
          const results: SMTPServerDataResult[] = tx.recipients.map((r) => {
            const reply = opts.lmtpData ? opts.lmtpData(r, tx) : 250;
            const ok = accepted(reply);
            if (ok !== null) tx.delivered.push(r);
            return ok ?? refusal(reply) ?? 'OK';
          });
          finish(tx);
          cb(null, results);
          return;
        }
        const reply = opts.data ? opts.data(tx) : 250;
        const err = refusal(reply);
        if (!err) tx.delivered.push(...tx.recipients);
        finish(tx);
        cb(err, accepted(reply) ?? undefined);
      });
    },
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after start (a client resetting its socket) belong to the test's assertions, not a crash.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `${lmtp ? 'lmtp' : 'smtp'}://${host}:${port}`,
    transactions,
    counts,
    waitFor(n, timeoutMs = 5000) {
      if (completed >= n) return Promise.resolve(transactions);
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (completed < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(transactions);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp sink: ${completed} of ${n} transactions after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    dropConnections() {
      for (const c of server.connections) {
        c.send(421, 'Idle timeout, closing connection');
        c.close();
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
