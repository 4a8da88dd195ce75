// Decides the reason and permanence of one failed recipient from its status code, wording and the
// SMTP command refused. "Permanent" means the address itself will never work (unknown user or
// domain, moved, a domain that takes no mail), as sisimai's hard bounce does; a full mailbox, a
// spam block or a policy refusal is a failure but not the address's fault, so it is not permanent.
import type { BounceReason } from '../types.ts';
import { findReplyCode, findStatus, reasonOfStatus } from './status-codes.ts';
import { reasonOfText } from './reason-patterns.ts';
import { findCommand } from './smtp-command.ts';

export interface RecipientEvidence {
  status?: string;
  diagnostic?: string;
  /** Text of the whole report, used only when the recipient has no diagnostic of its own. */
  context?: string;
  /** A reason the format itself implies (e.g. a detector for full-mailbox notices). */
  hint?: BounceReason;
  /** The report's text, searched only for the SMTP command that was refused. */
  transcript?: string;
}

export interface Classified {
  reason: BounceReason;
  permanent: boolean | null;
  status?: string;
}

export function permanenceOf(reason: BounceReason, status: string | undefined, code: string | undefined): boolean | null {
  if (reason === 'user-unknown' || reason === 'has-moved') return true;
  const cls = status?.[0] ?? code?.[0];
  if (reason === 'host-unknown') return cls !== '4';
  if (reason === 'not-accept') return cls !== '4';
  if (reason === 'other') return cls === '5' ? true : cls === '4' ? false : null;
  return false;
}

function baseReason(e: RecipientEvidence, diagnostic: string, status: string | undefined): BounceReason {
  if (e.hint) return e.hint;
  const fromText = reasonOfText(diagnostic);
  if (fromText?.strong) return fromText.reason;
  const fromStatus = reasonOfStatus(status);
  if (fromStatus && fromStatus !== 'delivered') return fromStatus;
  if (fromText) return fromText.reason;
  return reasonOfText(e.context ?? '')?.reason ?? 'other';
}

/**
 * The refused command changes what the wording can mean (sisimai reads it the same way): an
 * "unknown user" at DATA, after the recipient was accepted, is a filter talking, unless the status
 * insists on X.1.1; one with a mailbox-status code (X.2.x) is a disabled or blocked mailbox unless
 * it was the answer to RCPT.
 */
function byCommand(reason: BounceReason, command: string | undefined, status: string | undefined): BounceReason {
  const detail = status?.slice(2) ?? '';
  if (reason === 'user-unknown' && command === 'DATA' && detail !== '1.1') return 'filtered';
  if (reason === 'user-unknown' && detail.startsWith('2.') && command !== 'RCPT') return reasonOfStatus(status) ?? 'filtered';
  if (command === 'MAIL' && (reason === 'user-unknown' || reason === 'host-unknown' || reason === 'other')) return 'sender-rejected';
  if ((command === 'HELO' || command === 'CONN') && ['user-unknown', 'host-unknown', 'other', 'sender-rejected', 'policy'].includes(reason)) return 'spam-blocked';
  return reason;
}

export function classifyFailure(e: RecipientEvidence): Classified {
  const diagnostic = e.diagnostic ?? '';
  const context = e.context ?? '';
  const status = e.status ?? findStatus(diagnostic) ?? (diagnostic === '' ? findStatus(context) : undefined);
  const code = findReplyCode(diagnostic) ?? (diagnostic === '' ? findReplyCode(context) : undefined);
  let reason = baseReason(e, diagnostic, status);
  reason = byCommand(reason, findCommand(`${e.transcript ?? context}\n${diagnostic}`), status);
  // A DNS failure reported with a 4.x.x status is a lookup that may yet succeed.
  if (reason === 'host-unknown' && status?.startsWith('4')) reason = 'network-error';
  const out: Classified = { reason, permanent: permanenceOf(reason, status, code) };
  if (status) out.status = status;
  return out;
}
