// Delivers into a Maildir (one file per recipient, written in tmp/ and renamed into new/), with
// Return-Path and Delivered-To prepended as a local delivery agent does. For tests, smoke runs and
// sites that read list mail straight from disk.
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { inEnvelopeOrder, noReply, prepareEnvelope } from './outcomes.ts';
import type { Envelope, RecipientOutcome, SendResult, Transport } from './types.ts';

export interface MaildirOptions {
  /** fsync each file before the rename, so a crash can not lose a delivered message (default false). */
  fsync?: boolean;
  /** Seconds since the epoch, for the file name (default the system clock). */
  now?: () => number;
  /** Files written at once during a bulk send (default 16). */
  concurrency?: number;
}

// One sequence per process: unique names even with several transports on one folder.
let sequence = 0;

/**
 * Maildir's unique name "time.pid_seq.host" (see the Maildir specification, "How a message is
 * delivered"): '/' and ':' in the host name are written as \057 and \072.
 */
export function maildirName(seconds: number, pid: number, seq: number, host: string): string {
  const safeHost = host.replace(/\//g, '\\057').replace(/:/g, '\\072');
  return `${Math.floor(seconds)}.${pid}_${seq}.${safeHost}`;
}

/** The header lines a delivery agent adds, in the message's own line-ending style. */
export function deliveryHeaders(from: string, recipient: string, raw: Buffer): Buffer {
  const lf = raw.indexOf(0x0a);
  const eol = lf > 0 && raw[lf - 1] === 0x0d ? '\r\n' : '\n';
  return Buffer.from(`Return-Path: <${from}>${eol}Delivered-To: ${recipient}${eol}`, 'utf8');
}

export function createMaildirTransport(dir: string, opts: MaildirOptions = {}): Transport {
  const host = hostname();
  const now = opts.now ?? (() => Date.now() / 1000);
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  let ready: Promise<void> | null = null;
  let closed = false;

  const prepareDirs = (): Promise<void> =>
    (ready ??= Promise.all(['tmp', 'new', 'cur'].map((d) => mkdir(join(dir, d), { recursive: true }))).then(() => undefined));

  async function deliverOne(from: string, recipient: string, raw: Buffer): Promise<RecipientOutcome> {
    const name = maildirName(now(), process.pid, ++sequence, host);
    const tmp = join(dir, 'tmp', name);
    try {
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writev([deliveryHeaders(from, recipient, raw), raw]);
        if (opts.fsync) await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, join(dir, 'new', name));
      return { recipient, status: 'delivered', code: null, enhanced: null, response: `maildir new/${name}` };
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      // A full disk or a permissions slip is the site's to fix; the recipient waits meanwhile.
      return noReply(recipient, `maildir: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    async send(envelope: Envelope, raw: Buffer): Promise<SendResult> {
      const prepared = prepareEnvelope(envelope);
      const byRecipient = new Map(prepared.decided);
      if (closed) {
        for (const r of prepared.to) byRecipient.set(r, noReply(r, 'transport is closed'));
        return { outcomes: inEnvelopeOrder(envelope, byRecipient) };
      }
      try {
        await prepareDirs();
      } catch (e) {
        ready = null;
        for (const r of prepared.to) byRecipient.set(r, noReply(r, `maildir: ${e instanceof Error ? e.message : String(e)}`));
        return { outcomes: inEnvelopeOrder(envelope, byRecipient) };
      }
      for (let i = 0; i < prepared.to.length; i += concurrency) {
        const batch = prepared.to.slice(i, i + concurrency);
        const done = await Promise.all(batch.map((r) => deliverOne(prepared.from, r, raw)));
        for (const o of done) byRecipient.set(o.recipient, o);
      }
      return { outcomes: inEnvelopeOrder(envelope, byRecipient) };
    },
    async close() {
      closed = true;
    },
  };
}
