// Our own pooled SMTP/LMTP client for the plaintext hop to a local or LAN MTA, where delivery speed
// is decided: a fraction of nodemailer's CPU per message (figures in bench/smtp-sink.ts). No TLS and
// no AUTH: a relay that needs either goes through the nodemailer transport (../smtp.ts).
import { hostname } from 'node:os';
import { ConnectionPool } from '../connection-pool.ts';
import { fromReply, inEnvelopeOrder, noReply, prepareEnvelope } from '../outcomes.ts';
import { LeanSession, SessionSetupError } from './session.ts';
import type { TransactionResult } from './session.ts';
import type { Envelope, RecipientOutcome, SendResult, Transport } from '../types.ts';

export interface LeanSmtpOptions {
  host: string;
  port: number;
  lmtp?: boolean;
  /** Sessions kept open at once (default 5). */
  maxConnections?: number;
  /** Name sent with EHLO/LHLO (default: this host's name). */
  name?: string;
  /** Connecting plus greeting and EHLO (default 30 s). */
  connectTimeoutMs?: number;
  /** Silence from the server mid-transaction; RFC 5321 §4.5.3.2 asks for at least 5 min (default). */
  socketTimeoutMs?: number;
  /** Close a session idle this long (default 60 s, under the 5 min a server may wait, §4.5.3.2.7). */
  idleTimeoutMs?: number;
}

/** Every recipient's outcome when no session could be had. */
function setupFailed(to: readonly string[], e: unknown): Map<string, RecipientOutcome> {
  const out = new Map<string, RecipientOutcome>();
  for (const r of to) {
    if (e instanceof SessionSetupError && e.response) {
      // Refused before any transaction (greeting, EHLO): the server said nothing about the
      // recipients, and a misconfigured relay must not fail a whole list for good.
      out.set(r, { ...fromReply(r, e.response, 'connect'), status: 'deferred' });
    } else {
      out.set(r, noReply(r, e instanceof Error ? e.message : String(e)));
    }
  }
  return out;
}

export function createLeanSmtpTransport(opts: LeanSmtpOptions): Transport {
  const sessionOpts = {
    host: opts.host,
    port: opts.port,
    lmtp: opts.lmtp ?? false,
    name: opts.name ?? hostname(),
    connectTimeoutMs: opts.connectTimeoutMs ?? 30_000,
    socketTimeoutMs: opts.socketTimeoutMs ?? 5 * 60_000,
  };
  const pool = new ConnectionPool<LeanSession>({
    max: opts.maxConnections ?? 5,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    open: () => LeanSession.open(sessionOpts),
  });

  const attempt = (from: string, to: string[], raw: Buffer): Promise<{ result: TransactionResult; reused: boolean }> =>
    pool.use(async (session, reused) => ({ result: await session.transaction(from, to, raw), reused }));

  async function settle(from: string, to: string[], raw: Buffer): Promise<Map<string, RecipientOutcome>> {
    try {
      const first = await attempt(from, to, raw);
      // A reused session the server dropped while idle fails before the transaction begins, and
      // before any message data was sent: one more try on a fresh session is safe.
      if (first.reused && !first.result.began) return (await attempt(from, to, raw)).result.outcomes;
      return first.result.outcomes;
    } catch (e) {
      return setupFailed(to, e);
    }
  }

  return {
    async send(envelope: Envelope, raw: Buffer): Promise<SendResult> {
      const prepared = prepareEnvelope(envelope);
      const byRecipient = new Map(prepared.decided);
      if (prepared.to.length > 0) {
        for (const [r, o] of await settle(prepared.from, prepared.to, raw)) byRecipient.set(r, o);
      }
      return { outcomes: inEnvelopeOrder(envelope, byRecipient) };
    },
    close: () => pool.close(),
  };
}
