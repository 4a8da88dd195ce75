// Opens the outbound transport a URL names: smtp://host:port, lmtp://host:port, smtps://host:port
// or maildir:PATH. The one place a transport kind is chosen.
import { CaucusError } from '../../domain/errors.ts';
import { createMaildirTransport } from './maildir.ts';
import type { MaildirOptions } from './maildir.ts';
import { createSmtpTransport } from './smtp.ts';
import type { SmtpTransportOptions } from './smtp.ts';
import { createLeanSmtpTransport } from './lean-smtp/index.ts';
import type { Transport } from './types.ts';

export type { Envelope, DeliveryStatus, RecipientOutcome, SendResult, Transport } from './types.ts';
export { DEFAULT_RECIPIENTS_PER_TRANSACTION } from './types.ts';
export type { SmtpTransportOptions } from './smtp.ts';
export type { MaildirOptions } from './maildir.ts';
export { createSmtpTransport } from './smtp.ts';
export { createMaildirTransport } from './maildir.ts';
export { createLeanSmtpTransport } from './lean-smtp/index.ts';
export type { LeanSmtpOptions } from './lean-smtp/index.ts';

/**
 * Which SMTP client carries smtp:// and lmtp://. 'lean' (our own, see lean-smtp/) is the default for
 * the plaintext hop to the MTA; 'nodemailer' is used whenever TLS or AUTH is asked for.
 */
export type SmtpClient = 'lean' | 'nodemailer';

export interface TransportOverrides {
  smtp?: Partial<SmtpTransportOptions> & { client?: SmtpClient };
  maildir?: MaildirOptions;
}

const TLS_MODES = new Set(['none', 'starttls', 'opportunistic', 'implicit']);
const DEFAULT_PORT: Record<string, number> = { 'smtp:': 25, 'lmtp:': 24, 'smtps:': 465 };

const invalid = (url: string, why: string): CaucusError =>
  new CaucusError('invalid', `transport URL ${JSON.stringify(url)}: ${why} (expected smtp://host:port, lmtp://host:port or maildir:PATH)`);

function positiveInt(url: string, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw invalid(url, `${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * smtp(s)/lmtp URL → options. Query parameters: maxConnections, tls (none | starttls |
 * opportunistic), name (EHLO name), client (lean | nodemailer); user:password@ in the URL becomes
 * AUTH credentials.
 */
export function parseSmtpUrl(url: string): SmtpTransportOptions & { client?: SmtpClient } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid(url, 'not a URL');
  }
  const port = DEFAULT_PORT[u.protocol];
  if (port === undefined) throw invalid(url, `unknown scheme ${JSON.stringify(u.protocol)}`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalid(url, 'no host');
  if (u.pathname && u.pathname !== '/') throw invalid(url, `unexpected path ${JSON.stringify(u.pathname)}`);
  const opts: SmtpTransportOptions & { client?: SmtpClient } = {
    host,
    port: u.port ? positiveInt(url, 'port', u.port) : port,
    lmtp: u.protocol === 'lmtp:',
  };
  if (u.protocol === 'smtps:') opts.tls = 'implicit';
  if (u.username) opts.auth = { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
  for (const [key, value] of u.searchParams) {
    if (key === 'maxConnections') opts.maxConnections = positiveInt(url, key, value);
    else if (key === 'name') opts.name = value;
    else if (key === 'client') {
      if (value !== 'lean' && value !== 'nodemailer') throw invalid(url, `client must be lean or nodemailer, got ${JSON.stringify(value)}`);
      opts.client = value;
    }
    else if (key === 'tls') {
      if (!TLS_MODES.has(value) || (value === 'implicit') !== (u.protocol === 'smtps:')) throw invalid(url, `tls must be none, starttls or opportunistic, got ${JSON.stringify(value)}`);
      opts.tls = value as SmtpTransportOptions['tls'];
    } else throw invalid(url, `unknown parameter ${JSON.stringify(key)}`);
  }
  return opts;
}

/** Opens the transport `url` names; `overrides` (from config) win over URL parameters. */
export function openTransport(url: string, overrides: TransportOverrides = {}): Transport {
  if (url.startsWith('maildir:')) {
    const path = url.slice('maildir:'.length);
    if (!path || path.includes('\0')) throw invalid(url, 'no folder after maildir:');
    return createMaildirTransport(path, overrides.maildir);
  }
  if (!/^(smtps?|lmtp):\/\//i.test(url)) throw invalid(url, 'unknown kind of transport');
  const { client, ...opts } = { ...parseSmtpUrl(url), ...overrides.smtp };
  const needsNodemailer = (opts.tls !== undefined && opts.tls !== 'none') || opts.auth !== undefined;
  if (client === 'lean' && needsNodemailer) throw invalid(url, 'the lean client speaks neither TLS nor AUTH; use client=nodemailer');
  if (client === 'nodemailer' || needsNodemailer) return createSmtpTransport(opts);
  return createLeanSmtpTransport(opts);
}
