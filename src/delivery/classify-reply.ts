// Classifies an SMTP/LMTP reply (code, RFC 3463 enhanced status, text) as delivered, deferred or
// failed for one recipient, including the known ways real servers misuse the basic codes.
import type { DeliveryStatus } from './transports/types.ts';

export interface SmtpReply {
  /** Three-digit reply code, or null when there was no reply at all. */
  code: number | null;
  /** RFC 3463 enhanced status code ("5.1.1"), or null. */
  enhanced: string | null;
  text: string;
}

/** Where in the transaction the reply came: RCPT matters for §4.5.3.1.10 below. */
export type ReplyStage = 'connect' | 'mail' | 'rcpt' | 'data' | 'message';

// RFC 3463 §2: class "." subject "." detail, class 2, 4 or 5, subject and detail 1–3 digits.
const ENHANCED_RE = /^([245])\.(\d{1,3})\.(\d{1,3})$/;
const LINE_RE = /^(\d{3})(?:[ -](.*))?$/;

/**
 * Parses a reply as servers send it, single or multi-line (RFC 5321 §4.2.1: every line but the last
 * has "-" after the code). The enhanced code is the first word of the text when it is well formed
 * (RFC 2034 §4 puts it on every line; the first is enough).
 */
export function parseReply(response: string): SmtpReply {
  const lines = response.split(/\r?\n/).filter((l) => l.length > 0);
  const first = LINE_RE.exec(lines[0] ?? '');
  if (!first) return { code: null, enhanced: null, text: response.trim() };
  const code = Number(first[1]);
  let enhanced: string | null = null;
  const texts: string[] = [];
  for (const line of lines) {
    const m = LINE_RE.exec(line);
    let text = m ? (m[2] ?? '') : line;
    const word = /^(\S+)\s*(.*)$/.exec(text);
    if (word && ENHANCED_RE.test(word[1] ?? '')) {
      enhanced ??= word[1] ?? null;
      text = word[2] ?? '';
    }
    texts.push(text);
  }
  return { code, enhanced, text: texts.join(' ').trim() };
}

const classOf = (code: number): number => Math.floor(code / 100);

/**
 * Decides one recipient's fate from one reply. In order:
 * 1. No reply (connection refused, reset, timeout): deferred; the server never decided.
 * 2. A 2xx code: delivered (the server took responsibility; a contradicting enhanced code is noise).
 * 3. "Too many recipients": 452 or enhanced x.5.3 (RFC 3463 §3.6), and 552 answering RCPT, which
 *    RFC 821 listed wrongly and RFC 5321 §4.5.3.1.10 tells clients to treat as temporary: deferred,
 *    the surplus goes in a later transaction.
 * 4. Mailbox full, x.2.2 (RFC 3463 §3.3 says it serves for permanent and persistent transient
 *    errors, and quotas are usually cleared): deferred, so backoff expiry rather than one reply ends
 *    it.
 * 5. A well-formed 4.x.x or 5.x.x enhanced code decides by its class, over the basic code (RFC 3463
 *    §1: it gives the finer, more reliable answer; servers do send "550 4.7.1" for greylisting). A
 *    2.x.x on a refusal contradicts itself and is ignored.
 * 6. Otherwise the basic code: 4xx deferred, 5xx failed; anything else (1xx, 3xx where a final
 *    reply belongs, garbage) is a protocol slip and is deferred.
 */
export function classifyReply(reply: SmtpReply, stage?: ReplyStage): DeliveryStatus {
  const { code } = reply;
  if (code === null) return 'deferred';
  if (classOf(code) === 2) return 'delivered';
  const enh = reply.enhanced ? ENHANCED_RE.exec(reply.enhanced) : null;
  const subject = enh ? Number(enh[2]) : null;
  const detail = enh ? Number(enh[3]) : null;
  if (code === 452 || (subject === 5 && detail === 3) || (code === 552 && stage === 'rcpt')) return 'deferred';
  if (subject === 2 && detail === 2) return 'deferred';
  if (enh && enh[1] !== '2') return enh[1] === '5' ? 'failed' : 'deferred';
  if (classOf(code) === 5) return 'failed';
  return 'deferred';
}

/** parseReply + classifyReply in one step, with the fields a RecipientOutcome carries. */
export function classifyResponse(
  response: string,
  stage?: ReplyStage,
): { status: DeliveryStatus; code: number | null; enhanced: string | null } {
  const reply = parseReply(response);
  return { status: classifyReply(reply, stage), code: reply.code, enhanced: reply.enhanced };
}
