// The facts about an incoming message that rules look at, extracted once from the raw bytes.
export interface MailboxAddress {
  name: string;
  address: string;
}

export interface HeaderValue {
  /** Header name as written. */
  name: string;
  /** Unfolded value with RFC 2047 encoded words decoded. */
  value: string;
}

export interface PostFacts {
  /** Message-ID without angle brackets, or null when missing. */
  messageId: string | null;
  from: MailboxAddress | null;
  /** Every address that may identify the poster: From, Sender, Reply-To, envelope sender (deduped). */
  senders: string[];
  to: MailboxAddress[];
  cc: MailboxAddress[];
  /** Decoded subject, or null when there is no Subject header (empty string when present but empty). */
  subject: string | null;
  headers: HeaderValue[];
  /** Size of the raw message in bytes. */
  size: number;
  /** The first non-blank lines (at most 10) of the first text part, decoded. */
  firstLines: string[];
  envelopeFrom: string | null;
}
