// RFC 3834 manners for a mail robot: never answer mail from another robot, from the null sender,
// or from ourselves, so two responders can never talk to each other for ever. Such mail is not
// acted on at all: a vacation reply to a confirmation must not confirm a subscription.
import { splitAddress } from '../domain/address.ts';
import type { MailingList } from '../domain/list.ts';
import type { RequestMail } from './read-request.ts';

// Mailboxes that send reports and notices, never requests: bounces come from MAILER-DAEMON or
// postmaster, notifications from no-reply addresses that nobody reads.
const ROBOT_LOCAL_PARTS = new Set(['mailer-daemon', 'mailer_daemon', 'postmaster', 'noreply', 'no-reply', 'no_reply', 'donotreply', 'do-not-reply']);

// Subjects vacation responders put, for those that send no header saying so.
const AUTO_REPLY_SUBJECT = /^(?:auto(?:matic)?[ -]?(?:reply|response)|out of (?:the )?office|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[áa]tica)\b/i;

function localPart(address: string): string {
  try {
    return splitAddress(address).local.toLowerCase();
  } catch {
    return '';
  }
}

function isOurs(address: string, list: MailingList): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== list.domain) return false;
  const local = address.slice(0, at).toLowerCase();
  return local === list.name || local.startsWith(`${list.name}-`);
}

/** Why no reply (and no action) may follow this mail, or null when it may be answered. */
export function whyNoReply(mail: RequestMail, envelopeFrom: string | null, sender: string | null, list: MailingList): string | null {
  // RFC 3834 §2: never respond to the null reverse-path (RFC 5321 §4.5.5: that is a bounce).
  if (envelopeFrom === null || envelopeFrom.trim() === '' || envelopeFrom.trim() === '<>') return 'null envelope sender (a bounce or notice)';
  if (sender === null) return 'no sender address to answer';
  for (const a of [envelopeFrom, sender]) {
    const local = localPart(a);
    // RFC 3834 §2: MAILER-DAEMON, owner-* and *-request addresses are robots or lists; -bounces,
    // -owner and -admin are the other robots of list servers (Mailman, fml, Sympa).
    if (ROBOT_LOCAL_PARTS.has(local) || /^owner-|-(?:request|bounces?|owner|admin)$/.test(local)) {
      return `sender ${a} is a mail robot`;
    }
    if (isOurs(a, list)) return `sender ${a} is this list itself (a loop)`;
  }
  // A bounce may name MAILER-DAEMON without any domain, which is no address at all.
  if ((mail.headers.get('from') ?? []).some((v) => /\bmailer-daemon\b/i.test(v))) return 'From: MAILER-DAEMON';
  // RFC 6522 reports (RFC 3464 DSNs, RFC 8098 MDNs, RFC 5965 abuse reports) are machine-made.
  for (const v of mail.headers.get('content-type') ?? []) {
    if (/^\s*multipart\/report\b/i.test(v)) return 'a delivery or feedback report (multipart/report)';
  }
  // RFC 3834 §5: any Auto-Submitted value other than "no" marks a machine-made message.
  for (const v of mail.headers.get('auto-submitted') ?? []) {
    const keyword = (v.split(';')[0] ?? '').trim().toLowerCase();
    if (keyword !== '' && keyword !== 'no') return `Auto-Submitted: ${keyword}`;
  }
  // RFC 3834 §2 and RFC 2076: Precedence bulk, junk or list marks mail not to answer.
  for (const v of mail.headers.get('precedence') ?? []) {
    const p = v.trim().toLowerCase();
    if (p === 'bulk' || p === 'junk' || p === 'list') return `Precedence: ${p}`;
  }
  // Vacation programs that predate RFC 3834 mark themselves with these instead.
  for (const h of ['x-autoreply', 'x-autorespond', 'x-autoresponse']) {
    if (mail.headers.has(h)) return `${h} header`;
  }
  // Microsoft's X-Auto-Response-Suppress asks that no automatic answer be sent.
  for (const v of mail.headers.get('x-auto-response-suppress') ?? []) {
    if (/\b(?:all|autoreply|oof)\b/i.test(v)) return `X-Auto-Response-Suppress: ${v.trim().slice(0, 60)}`;
  }
  if (AUTO_REPLY_SUBJECT.test(mail.subject)) return 'the subject reads as an automatic reply';
  return null;
}
