// The shapes the subscriptions feature takes and returns: its injected dependencies, the outcome
// of a join/leave request, of a confirmation token, and of handling one mail to a list robot.
import type { DeliveryMode, MailingList } from '../domain/list.ts';
import type { Site } from '../domain/site.ts';
import type { Store } from '../store/types.ts';

export interface SubscriptionDeps {
  store: Store;
  site: Site;
  now(): Date;
  /** A fresh random, URL-safe token (confirmations, member unsubscribe tokens). */
  token(): string;
  /** Most confirmation mails (and most replies) sent to one address per hour. */
  confirmMailsPerHour: number;
}

export type RequestChannel = 'email' | 'web';

export interface SubscribeRequest {
  address: string;
  displayName?: string;
  deliveryMode?: DeliveryMode;
  via: RequestChannel;
  /**
   * An address the requester is known to control: the sender of a mail command, or a signed-in web
   * account. Only when it equals `address` does the list's policy apply as written; anyone else is
   * a third party, and the request always goes through a confirmation mailed to `address`.
   */
  requestedBy?: string | null;
}

export interface UnsubscribeRequest {
  address: string;
  via: RequestChannel;
  requestedBy?: string | null;
}

export type RequestOutcome =
  | 'subscribed'
  | 'unsubscribed'
  | 'confirmation_sent'
  | 'pending_approval'
  | 'already_member'
  | 'not_member'
  | 'banned'
  | 'rate_limited'
  | 'invalid_address';

export interface RequestResult {
  outcome: RequestOutcome;
  /** The address the request was about, as given (trimmed). */
  address: string;
  /**
   * What may be told to the address itself (or its proven owner). A rate-limited request reads as
   * if the confirmation had been sent: nobody learns of the limit.
   */
  text: string;
  /**
   * What may be told to anyone else: the same words whatever the outcome, so a request never
   * reveals whether an address is a member, banned or throttled.
   */
  publicText: string;
  /** Whether a mail to the address itself was queued (confirmation, welcome, goodbye, ...). */
  notified: boolean;
}

export type TokenOutcome = 'subscribed' | 'unsubscribed' | 'pending_approval' | 'already_member' | 'not_member' | 'refused';
export type TokenError = 'not_found' | 'expired' | 'wrong_kind' | 'banned';

export type TokenResult =
  | { ok: true; outcome: TokenOutcome; listId: number; address: string; message: string; notified: boolean }
  | { ok: false; error: TokenError; message: string };

export type MailRole = 'request' | 'join' | 'leave' | 'confirm';

export interface ListMailInput {
  list: MailingList;
  role: MailRole;
  /** The +detail of the recipient address (the token of `L-confirm+TOKEN`). */
  detail: string | null;
  raw: Buffer;
  /** SMTP MAIL FROM; null for the null reverse-path `<>`. */
  envelopeFrom: string | null;
}

export interface HandleResult {
  /** `ignored`: nothing was done (RFC 3834 robot mail, or no sender to act for). */
  outcome: 'handled' | 'ignored';
  /** One line per action taken, or why the message was ignored; for logs and the message's state reason. */
  log: string[];
  /** How many notices were queued because of this message. */
  queued: number;
}
