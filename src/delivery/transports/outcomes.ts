// Builds per-recipient outcomes shared by every transport: from a server reply, from a failure with
// no reply, for addresses that can not be put in an SMTP command at all, and in envelope order.
import { classifyResponse } from '../classify-reply.ts';
import type { ReplyStage } from '../classify-reply.ts';
import type { Envelope, RecipientOutcome } from './types.ts';

export function fromReply(recipient: string, response: string, stage: ReplyStage): RecipientOutcome {
  const { status, code, enhanced } = classifyResponse(response, stage);
  return { recipient, status, code, enhanced, response: response.trim() };
}

/** No server decision (connection refused, reset, timeout, transport closed): try again later. */
export function noReply(recipient: string, why: string): RecipientOutcome {
  return { recipient, status: 'deferred', code: null, enhanced: null, response: why };
}

// RFC 5321 §4.1.2 paths can hold quoted strings, but never CR, LF or NUL, and angle brackets
// would end the path early; any of these could smuggle a command, so such an address never goes out.
const UNSAFE = /[\r\n\0<>]/;

export const isSendableRecipient = (a: string): boolean => a.length > 0 && a.length <= 512 && a.includes('@') && !UNSAFE.test(a);
export const isSendableSender = (a: string): boolean => a.length <= 512 && !UNSAFE.test(a) && (a === '' || a.includes('@'));

export interface PreparedEnvelope {
  from: string;
  /** Distinct, sendable recipients in first-seen order. */
  to: string[];
  /** Outcomes decided without sending (unsendable addresses). */
  decided: Map<string, RecipientOutcome>;
}

/** Drops duplicates and decides unsendable addresses as failed before anything goes on the wire. */
export function prepareEnvelope(envelope: Envelope): PreparedEnvelope {
  const decided = new Map<string, RecipientOutcome>();
  const to: string[] = [];
  const seen = new Set<string>();
  const senderOk = isSendableSender(envelope.from);
  for (const r of envelope.to) {
    if (seen.has(r)) continue;
    seen.add(r);
    if (!senderOk) {
      decided.set(r, { recipient: r, status: 'failed', code: null, enhanced: null, response: `unusable sender address ${JSON.stringify(envelope.from)} (not sent)` });
    } else if (!isSendableRecipient(r)) {
      decided.set(r, { recipient: r, status: 'failed', code: null, enhanced: null, response: `unusable recipient address ${JSON.stringify(r)} (not sent)` });
    } else {
      to.push(r);
    }
  }
  return { from: envelope.from, to, decided };
}

/** One outcome per envelope recipient (duplicates repeat the first), in envelope order. */
export function inEnvelopeOrder(envelope: Envelope, byRecipient: Map<string, RecipientOutcome>): RecipientOutcome[] {
  return envelope.to.map((r) => byRecipient.get(r) ?? noReply(r, 'no reply was recorded for this recipient'));
}
