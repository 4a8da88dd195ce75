// The one interface every outbound transport implements (SMTP/LMTP to the MTA, Maildir for tests and
// local delivery): hand over one message for a set of recipients, learn what happened to each.

/** Envelope of one transaction: the RFC 5321 reverse-path (VERP sender) and forward-paths. */
export interface Envelope {
  /** MAIL FROM address, without angle brackets; '' is the null reverse-path. */
  from: string;
  /** RCPT TO addresses, without angle brackets. */
  to: string[];
}

/**
 * - delivered: the next hop took responsibility for the message (2xx).
 * - deferred: try again later (4xx, connection trouble, timeouts).
 * - failed: permanent (5xx); do not retry.
 */
export type DeliveryStatus = 'delivered' | 'deferred' | 'failed';

export interface RecipientOutcome {
  recipient: string;
  status: DeliveryStatus;
  /** The SMTP reply code that decided it, or null when there was no reply (connection refused…). */
  code: number | null;
  /** RFC 3463 enhanced status code (e.g. "5.1.1") when the server gave one. */
  enhanced: string | null;
  /** The server's reply text, or a description of the local error. */
  response: string;
}

export interface SendResult {
  /** One outcome per envelope recipient, in envelope order. */
  outcomes: RecipientOutcome[];
}

export interface Transport {
  /**
   * Sends `raw` (a complete RFC 5322 message, CRLF or LF line ends) to every recipient of the
   * envelope in one transaction. Never rejects for delivery problems: those are outcomes. The
   * caller chunks large recipient lists (see `DEFAULT_RECIPIENTS_PER_TRANSACTION`).
   */
  send(envelope: Envelope, raw: Buffer): Promise<SendResult>;
  /** Closes pooled connections; sends after close are deferred. */
  close(): Promise<void>;
}

/**
 * Recipients per transaction for bulk sends. RFC 5321 §4.5.3.1.8 obliges servers to accept at least
 * 100 RCPT commands per transaction and lets them take more; common MTAs take far more (Postfix's
 * smtpd_recipient_limit defaults to 1000), and a server that takes fewer answers 452, which the
 * reply classifier treats as deferred, so the surplus is retried rather than lost.
 */
export const DEFAULT_RECIPIENTS_PER_TRANSACTION = 500;
