// Reads nodemailer's send results and errors (accepted, rejectedErrors, responseCode, the command
// that failed) as per-recipient outcomes.
import type { SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import { fromReply, noReply } from './outcomes.ts';
import type { ReplyStage } from '../classify-reply.ts';
import type { RecipientOutcome } from './types.ts';

/** The error shape nodemailer gives: a reply when the server sent one. */
export interface SmtpError extends Error {
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  recipient?: string;
  rejectedErrors?: SmtpError[];
}

/** One send as nodemailer reports it: the result, or the error with whatever reply it carries. */
export type Attempt = { ok: true; info: SMTPConnectionSendInfo } | { ok: false; err: SmtpError };

function stageOf(err: SmtpError): ReplyStage {
  switch (err.command) {
    case 'MAIL FROM':
      return 'mail';
    case 'RCPT TO':
      return 'rcpt';
    case 'DATA':
      return err.code === 'EMESSAGE' ? 'message' : 'data';
    default:
      return 'connect';
  }
}

const describe = (err: SmtpError): string => err.response ?? err.message;

/** Maps one nodemailer send result or error onto the recipients that were on the wire. */
export function outcomesOf(to: readonly string[], attempt: Attempt): Map<string, RecipientOutcome> {
  const out = new Map<string, RecipientOutcome>();
  const rejected = attempt.ok ? (attempt.info.rejectedErrors ?? []) : (attempt.err.rejectedErrors ?? []);
  for (const e of rejected as SmtpError[]) {
    if (!e.recipient || !e.response) continue;
    out.set(e.recipient, fromReply(e.recipient, e.response, e.command === 'RCPT TO' ? 'rcpt' : 'message'));
  }
  if (attempt.ok) {
    for (const r of attempt.info.accepted) {
      // Under LMTP this is the last recipient's reply; each accepted one had a 2xx of its own.
      if (!out.has(r)) out.set(r, fromReply(r, attempt.info.response || '250 OK', 'message'));
    }
  }
  for (const r of to) {
    if (out.has(r)) continue;
    if (attempt.ok) out.set(r, noReply(r, 'the server gave no reply for this recipient'));
    else if (!attempt.err.response) out.set(r, noReply(r, describe(attempt.err)));
    else if (stageOf(attempt.err) === 'connect') {
      // Refused before any transaction (greeting, EHLO, STARTTLS, AUTH): the server said nothing
      // about the recipients, and a misconfigured relay must not fail a whole list for good.
      out.set(r, { ...fromReply(r, attempt.err.response, 'connect'), status: 'deferred' });
    } else out.set(r, fromReply(r, attempt.err.response, stageOf(attempt.err)));
  }
  return out;
}
