// The contract every moderation rule follows: it reads a `RuleContext` and returns a hit with a
// structured reason, or null. Rules never write state; the chain folds their hits into a Verdict.
import type { AuthSummary } from '../../domain/authentication.ts';
import type { MailingList, Member } from '../../domain/list.ts';
import type { PostFacts } from '../../domain/post.ts';
import type { RuleHit } from '../../domain/verdict.ts';

export interface RuleContext {
  list: MailingList;
  post: PostFacts;
  /** The member record (role 'member') matching any of the post's senders, or null. */
  senderMember: Member | null;
  /** True when a sender is an owner or moderator of the list. */
  isListModerator: boolean;
  now: Date;
  /** DKIM/SPF/DMARC results of the post as received; null or absent when it was not checked. */
  auth?: AuthSummary | null;
}

export interface Rule {
  /** Equal to the rule's file name: `max-size`. */
  id: string;
  /**
   * A deciding rule ends the chain with its hit's action (Mailman's "jump"); the others are all
   * run and their hits folded together (Mailman's "defer" links followed by "any → hold").
   */
  decides: boolean;
  check(ctx: RuleContext): RuleHit | null;
}
