// nonmember-moderation: no sender is a member. The accept, hold, reject and discard lists of
// non-member patterns are checked in that order for each sender, else the list's default action
// for non-members applies (Mailman 3's legacy *_these_nonmembers, then the default).
import type { RuleHit } from '../../domain/verdict.ts';
import { findAddressMatch } from './patterns.ts';
import type { Rule } from './types.ts';

const LISTS = [
  ['accept', 'acceptNonmembers', 'accepted'],
  ['hold', 'holdNonmembers', 'held for a moderator'],
  ['reject', 'rejectNonmembers', 'rejected'],
  ['discard', 'discardNonmembers', 'discarded'],
] as const;

const DEFAULT_VERBS = { accept: 'accepted', hold: 'held for a moderator', reject: 'rejected', discard: 'discarded' } as const;

export const nonmemberModeration: Rule = {
  id: 'nonmember-moderation',
  decides: true,
  check({ list, post, senderMember, isListModerator }): RuleHit | null {
    // Owners and moderators who are not members are not strangers: their posts take the
    // regular checks instead of the non-member default.
    if (senderMember || isListModerator) return null;
    const s = list.settings;
    const fallback = s.defaultNonmemberAction;
    if (post.senders.length === 0) {
      return {
        rule: 'nonmember-moderation',
        action: fallback,
        reason: `No sender address was found in the message, so it is ${DEFAULT_VERBS[fallback]} as a non-member post.`,
        details: { sender: null, source: 'no-sender' },
      };
    }
    // Mailman checks sender by sender, each against the four lists in order.
    for (const sender of post.senders) {
      for (const [action, key, verb] of LISTS) {
        const hit = findAddressMatch([sender], s[key]);
        if (hit) {
          return {
            rule: 'nonmember-moderation',
            action,
            reason: `The sender ${sender} is not a member and is on the list of non-members whose posts are ${verb}.`,
            details: { sender, source: key, pattern: hit.pattern },
          };
        }
      }
    }
    const sender = post.senders[0] ?? null;
    return {
      rule: 'nonmember-moderation',
      action: fallback,
      reason: `The sender ${sender} is not a member of the list; posts from non-members are ${DEFAULT_VERBS[fallback]}.`,
      details: { sender, source: 'list-default' },
    };
  },
};
