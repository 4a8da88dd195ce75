// SMTP and LMTP through nodemailer's SMTPConnection in a pool of reused sessions, for relays that
// need TLS or AUTH; it pipelines MAIL/RCPT/DATA when offered (RFC 2920). Mail.sendMail is not used:
// it compiles every raw message through MimeNode at about 3x the CPU (bench/smtp-sink.ts).
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { hostname } from 'node:os';
import { ConnectionPool } from './connection-pool.ts';
import type { PooledSession } from './connection-pool.ts';
import { inEnvelopeOrder, prepareEnvelope } from './outcomes.ts';
import { outcomesOf } from './nodemailer-outcomes.ts';
import type { Attempt, SmtpError } from './nodemailer-outcomes.ts';
import type { Envelope, SendResult, Transport } from './types.ts';

export interface SmtpTransportOptions {
  host: string;
  port: number;
  /** Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the data. */
  lmtp?: boolean;
  /** Sessions kept open at once (default 5). */
  maxConnections?: number;
  /** Name sent with EHLO/LHLO (default: this host's name). */
  name?: string;
  /** 'none' ignores STARTTLS (default, for a local MTA); 'starttls' requires it; 'opportunistic' uses it when offered; 'implicit' is TLS from the first byte. */
  tls?: 'none' | 'starttls' | 'opportunistic' | 'implicit';
  tlsOptions?: TlsOptions;
  auth?: { user: string; pass: string };
  /** Connecting plus greeting (default 30 s). */
  connectTimeoutMs?: number;
  /** Silence from the server mid-transaction; RFC 5321 §4.5.3.2 asks for at least 5 min (default). */
  socketTimeoutMs?: number;
  /** Close a session idle this long (default 60 s, under the 5 min a server may wait, §4.5.3.2.7). */
  idleTimeoutMs?: number;
}

class NodemailerSession implements PooledSession {
  /** True from a finished handshake until the first sign of trouble. */
  private ok = false;
  private constructor(private readonly conn: SMTPConnection) {
    conn.on('error', () => (this.ok = false));
    conn.on('end', () => (this.ok = false));
  }

  get usable(): boolean {
    return this.ok;
  }

  static open(opts: SmtpTransportOptions): Promise<NodemailerSession> {
    const tls = opts.tls ?? 'none';
    const conn = new SMTPConnection({
      host: opts.host,
      port: opts.port,
      lmtp: opts.lmtp ?? false,
      name: opts.name ?? hostname(),
      secure: tls === 'implicit',
      ignoreTLS: tls === 'none',
      requireTLS: tls === 'starttls',
      opportunisticTLS: tls === 'opportunistic',
      tls: opts.tlsOptions,
      connectionTimeout: opts.connectTimeoutMs ?? 30_000,
      greetingTimeout: opts.connectTimeoutMs ?? 30_000,
      socketTimeout: opts.socketTimeoutMs ?? 5 * 60_000,
      logger: false,
    });
    const session = new NodemailerSession(conn);
    return new Promise((resolve, reject) => {
      const fail = (err: Error): void => {
        session.close();
        reject(err);
      };
      const ready = (): void => {
        conn.off('error', fail);
        session.ok = true;
        resolve(session);
      };
      conn.once('error', fail);
      conn.connect((err) => {
        if (err) return fail(err);
        if (!opts.auth) return ready();
        conn.login({ credentials: { user: opts.auth.user, pass: opts.auth.pass } }, (loginErr) => (loginErr ? fail(loginErr) : ready()));
      });
    });
  }

  send(from: string, to: string[], raw: Buffer): Promise<Attempt> {
    return new Promise((resolve) => {
      // BODY=8BITMIME whenever the server offers it: harmless for 7-bit mail, needed for 8-bit (RFC 6152).
      this.conn.send({ from, to, use8BitMime: true }, raw, (err, info) => {
        if (err) return resolve({ ok: false, err: err as SmtpError });
        if (!info) return resolve({ ok: false, err: new Error('no send result') });
        resolve({ ok: true, info });
      });
    });
  }

  /** RSET after a refused transaction, so the session can carry the next one. */
  reset(): Promise<void> {
    return new Promise((resolve) => {
      this.conn.reset((err) => {
        if (err) this.close();
        resolve();
      });
    });
  }

  close(): void {
    if (this.ok) {
      this.ok = false;
      this.conn.quit();
    } else {
      this.conn.close();
    }
  }
}

/** The session was closed before this send began: no reply at all, or 421 (RFC 5321 §3.8) to MAIL. */
const sessionWasGone = (err: SmtpError): boolean =>
  (err.code === 'ECONNECTION' && !err.response) || (err.responseCode === 421 && err.command === 'MAIL FROM');

/** Whether a failed send left the session fit for RSET and reuse. */
const resettable = (err: SmtpError): boolean =>
  (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && err.responseCode !== 421;

export function createSmtpTransport(opts: SmtpTransportOptions): Transport {
  const pool = new ConnectionPool<NodemailerSession>({
    max: opts.maxConnections ?? 5,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    open: () => NodemailerSession.open(opts),
  });

  // `retry` marks a reused session the server dropped while idle: the send failed before the
  // message was sent, and one more try on a fresh session keeps that race from deferring it.
  const attempt = (from: string, to: string[], raw: Buffer): Promise<{ result: Attempt; retry: boolean }> =>
    pool.use(async (session, reused) => {
      const result = await session.send(from, to, raw);
      if (!result.ok && resettable(result.err) && session.usable) await session.reset();
      const retry = !result.ok && reused && sessionWasGone(result.err);
      return { result, retry };
    });

  const settle = async (from: string, to: string[], raw: Buffer): Promise<Attempt> => {
    try {
      const first = await attempt(from, to, raw);
      return first.retry ? (await attempt(from, to, raw)).result : first.result;
    } catch (e) {
      // The pool could not give a session: connection refused, greeting timeout, a failed login.
      return { ok: false, err: e instanceof Error ? e : new Error(String(e)) };
    }
  };

  return {
    async send(envelope: Envelope, raw: Buffer): Promise<SendResult> {
      const prepared = prepareEnvelope(envelope);
      const byRecipient = new Map(prepared.decided);
      if (prepared.to.length > 0) {
        const result = await settle(prepared.from, prepared.to, raw);
        for (const [r, o] of outcomesOf(prepared.to, result)) byRecipient.set(r, o);
      }
      return { outcomes: inEnvelopeOrder(envelope, byRecipient) };
    },
    close: () => pool.close(),
  };
}
