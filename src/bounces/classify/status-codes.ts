// Reading RFC 3463 enhanced status codes and RFC 5321 reply codes out of diagnostic text, and
// what each status subject/detail means as a bounce reason (RFC 3463 §3, RFC 7505, RFC 7372).
import type { BounceReason } from '../types.ts';

const STATUS = /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/;
const REPLY = /(?:^|[^\d.-])([245][0-5]\d)(?:[ -]|$)/;

/** The first enhanced status code in a text, e.g. "5.1.1". */
export function findStatus(text: string): string | undefined {
  const m = STATUS.exec(text);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : undefined;
}

/** The first SMTP reply code in a text, e.g. "550". */
export function findReplyCode(text: string): string | undefined {
  return REPLY.exec(text)?.[1];
}

const BY_DETAIL: Readonly<Record<string, BounceReason>> = {
  '1.1': 'user-unknown', // bad destination mailbox address
  '1.2': 'host-unknown', // bad destination system address
  '1.3': 'user-unknown', // bad destination mailbox address syntax
  '1.4': 'user-unknown', // destination mailbox address ambiguous
  '1.6': 'has-moved', // destination mailbox has moved, no forwarding address
  '1.7': 'sender-rejected', // bad sender's mailbox address syntax
  '1.8': 'sender-rejected', // bad sender's system address
  '1.10': 'not-accept', // recipient address has null MX (RFC 7505)
  '2.1': 'suspended', // mailbox disabled, not accepting messages
  '2.2': 'mailbox-full', // mailbox full
  '2.3': 'message-too-big', // message length exceeds administrative limit
  '3.1': 'system-error', // mail system full
  '3.4': 'message-too-big', // message too big for system
  '3.5': 'system-error', // system incorrectly configured
  '4.1': 'network-error', // no answer from host
  '4.2': 'network-error', // bad connection
  '4.3': 'system-error', // directory server failure
  '4.4': 'host-unknown', // unable to route
  '4.6': 'network-error', // routing loop detected
  '4.7': 'expired', // delivery time expired
  '7.1': 'policy', // delivery not authorized, message refused
  '7.13': 'suspended', // user account disabled (RFC 3886)
  '7.23': 'auth-failure', // SPF validation failed (RFC 7372)
  '7.24': 'auth-failure', // SPF validation error
  '7.25': 'policy', // reverse DNS validation failed
  '7.26': 'auth-failure', // multiple authentication checks failed
  '7.27': 'sender-rejected', // sender address has null MX
};

/** The reason a status code alone implies, or undefined for the generic ones (X.0.0 and unknown details). */
export function reasonOfStatus(status: string | undefined): BounceReason | undefined {
  if (!status) return undefined;
  const [cls, subject, detail] = status.split('.');
  if (cls === '2') return 'delivered';
  const key = `${subject}.${detail}`;
  const exact = BY_DETAIL[key];
  if (exact) return exact;
  if (subject === '6') return 'content-rejected';
  if (subject === '7') return 'policy';
  return undefined;
}
