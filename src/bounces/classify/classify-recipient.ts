// Decides the reason and permanence of one failed recipient from its status code and wording.
// "Permanent" means the address itself will never work (unknown user or domain, moved, a domain
// that takes no mail), as sisimai's hard bounce does; a full mailbox, a spam block or a policy
// refusal is a failure but not the address's fault, so it is not permanent.
import type { BounceReason } from '../types.ts';
import { findReplyCode, findStatus, reasonOfStatus } from './status-codes.ts';
import { reasonOfText } from './reason-patterns.ts';

/** Reasons that wording states more precisely than any status code does. */
const SPECIFIC: ReadonlySet<BounceReason> = new Set<BounceReason>([
  'mailbox-full', 'message-too-big', 'suspended', 'has-moved', 'auth-failure', 'user-unknown', 'filtered',
  'spam-blocked', 'sender-rejected', 'host-unknown', 'not-accept', 'expired',
]);

export interface RecipientEvidence {
  status?: string;
  diagnostic?: string;
  /** Text of the whole report, used only when the recipient has no diagnostic of its own. */
  context?: string;
  /** A reason the format itself implies (e.g. a detector for full-mailbox notices). */
  hint?: BounceReason;
}

export interface Classified {
  reason: BounceReason;
  permanent: boolean | null;
  status?: string;
}

export function permanenceOf(reason: BounceReason, status: string | undefined, code: string | undefined): boolean | null {
  if (reason === 'user-unknown' || reason === 'host-unknown' || reason === 'has-moved') return true;
  const cls = status?.[0] ?? code?.[0];
  if (reason === 'not-accept') return cls !== '4';
  if (reason === 'other') return cls === '5' ? true : cls === '4' ? false : null;
  return false;
}

export function classifyFailure(e: RecipientEvidence): Classified {
  const diagnostic = e.diagnostic ?? '';
  const status = e.status ?? findStatus(diagnostic) ?? (diagnostic === '' ? findStatus(e.context ?? '') : undefined);
  const code = findReplyCode(diagnostic) ?? (diagnostic === '' ? findReplyCode(e.context ?? '') : undefined);
  const fromText = reasonOfText(diagnostic);
  const fromStatus = reasonOfStatus(status);
  let reason: BounceReason | undefined;
  if (e.hint) reason = e.hint;
  else if (fromText && SPECIFIC.has(fromText)) reason = fromText;
  else if (fromStatus && fromStatus !== 'delivered') reason = fromStatus;
  else reason = fromText ?? reasonOfText(e.context ?? '') ?? 'other';
  const out: Classified = { reason, permanent: permanenceOf(reason, status, code) };
  if (status) out.status = status;
  return out;
}
