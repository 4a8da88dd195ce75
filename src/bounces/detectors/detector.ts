// The contract of one bounce-format detector: recognise its format and say which recipients
// failed (or that it is only a warning), with whatever status and diagnostic text it can see.
import type { BounceContext } from '../message/bounce-context.ts';
import type { BounceReason } from '../types.ts';

export interface FoundRecipient {
  address: string;
  /** RFC 3463 status when the format states one. */
  status?: string;
  /** The text the reporting system gave for this recipient (SMTP reply, explanation). */
  diagnostic?: string;
}

export type Detection =
  | { kind: 'failure'; recipients: FoundRecipient[]; reason?: BounceReason }
  | { kind: 'warning' | 'delay'; recipients: FoundRecipient[] }
  | { kind: 'not-a-bounce'; reason: BounceReason; recipients: FoundRecipient[] };

export interface Detector {
  /** Equals the file name, e.g. 'simple-match'. */
  readonly id: string;
  /** null when the message is not in this format or nothing usable was found. */
  detect(ctx: BounceContext): Detection | null;
}

/** A failure detection, or null when no address was found (so later detectors get their turn). */
export function failed(recipients: FoundRecipient[]): Detection | null {
  return recipients.length > 0 ? { kind: 'failure', recipients } : null;
}
