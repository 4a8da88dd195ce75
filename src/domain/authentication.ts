// What the list knows about a post's authenticity: the author domain's DMARC policy (RFC 7489), and
// the DKIM/SPF/DMARC/ARC results of checking the post as received (RFC 8601 Authentication-Results).
export const DMARC_POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

/** The DMARC policy published for a post's author (RFC 5322 From) domain. */
export interface DmarcFact {
  /** The author domain, lower-case. */
  domain: string;
  /** Its organizational domain by the Public Suffix List (RFC 7489 §3.2). */
  orgDomain: string;
  /**
   * The policy that applies to the author domain (`sp` when the record was found at the
   * organizational domain and sets one, else `p`); null when there is no usable record.
   */
  policy: DmarcPolicy | null;
  /** found: a record; none: no record; error: DNS failed, so the policy is unknown. */
  lookup: 'found' | 'none' | 'error';
  /** The DMARC record text, when found. */
  record: string | null;
}

/** The SMTP (or LMTP) client that handed a message to us, as the inbound server saw it. */
export interface SmtpClient {
  protocol: 'smtp' | 'lmtp';
  ip: string;
  /** The HELO/EHLO/LHLO name it gave, or null. */
  helo: string | null;
}

/** Results as RFC 8601 names them: pass, fail, none, neutral, softfail, temperror, permerror, policy. */
export type AuthResult = string;

/** What checking an incoming post found, kept with the message and written into its header. */
export interface AuthSummary {
  /** Our authserv-id (RFC 8601 §2.5): the site host name. */
  authservId: string;
  /** The resinfo entries of the Authentication-Results field, each like `dkim=pass header.d=example.org`. */
  results: string[];
  dkim: Array<{ result: AuthResult; domain: string; aligned: boolean }>;
  spf: { result: AuthResult; domain: string | null } | null;
  dmarc: { result: AuthResult; policy: DmarcPolicy | null; domain: string | null };
  arc: { result: AuthResult };
}
