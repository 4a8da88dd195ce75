// The public vocabulary of bounce parsing: what a delivery report says about which addresses failed,
// whether the failure is for good, and why. Reasons follow sisimai's taxonomy, in kebab-case.

/** failure = the message was not delivered; warning/delay = still being retried (never counts). */
export type BounceKind = 'failure' | 'warning' | 'delay' | 'unknown' | 'not-a-bounce';

export type BounceReason =
  | 'user-unknown'        // the mailbox does not exist (RFC 3463 X.1.1)
  | 'host-unknown'        // the domain does not exist or has no mail host (X.1.2, X.4.4)
  | 'has-moved'           // the mailbox moved and mail is not forwarded (X.1.6)
  | 'not-accept'          // the domain accepts no mail at all (null MX, RFC 7505)
  | 'suspended'           // the account exists but is disabled (X.2.1)
  | 'mailbox-full'        // over quota (X.2.2)
  | 'message-too-big'     // size limit (X.2.3, X.3.4)
  | 'spam-blocked'        // the list's mail was refused as spam or its host is on a block list
  | 'content-rejected'    // the content was refused (virus, malformed headers, X.6.x)
  | 'filtered'            // refused by the recipient's own filter or access rules
  | 'sender-rejected'     // the envelope sender or its domain was refused (X.1.7, X.1.8)
  | 'auth-failure'        // SPF, DKIM or DMARC failure (X.7.26)
  | 'policy'              // another local policy (reverse DNS, relaying, security, rate limits)
  | 'expired'             // retried until the queue lifetime ran out (X.4.7)
  | 'delayed'             // still being retried: a warning, not a failure
  | 'network-error'       // connection or DNS trouble on the way
  | 'system-error'        // the receiving system failed (disk, mailer program, loop)
  | 'vacation'            // an auto-reply, not a bounce (RFC 3834)
  | 'feedback'            // an abuse/complaint report (RFC 5965 ARF), not a bounce
  | 'delivered'           // a success notification (DSN action delivered/relayed)
  | 'other';

export interface BounceRecipient {
  address: string;
  permanent: boolean | null;
  reason: BounceReason;
  /** RFC 3463 enhanced status code, e.g. 5.1.1 */
  status?: string;
  diagnostic?: string;
}

export interface BounceResult {
  /** The failed recipients, lower-cased domain, de-duplicated, in the order found. */
  addresses: string[];
  /** true: the address will never work; false: temporary or not the address's fault; null: unknown. */
  permanent: boolean | null;
  kind: BounceKind;
  reason: BounceReason | null;
  status?: string;
  diagnostic?: string;
  /** Which detector recognised the format (a file name under detectors/). */
  detector?: string;
  /**
   * Per-address detail: for a failure, one per entry of `addresses`, in order; for a warning or
   * delay, the recipients still being retried (permanent false; they never count).
   */
  recipients: BounceRecipient[];
}
