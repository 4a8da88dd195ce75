// member-moderation: the sender is a list member whose moderation action (their own, or the
// list's default for members) is not `defer`; that action decides the post, as in Mailman.
import type { Rule } from './types.ts';

export const memberModeration: Rule = {
  id: 'member-moderation',
  decides: true,
  check({ list, senderMember }) {
    if (!senderMember) return null;
    const own = senderMember.moderationAction;
    const action = own ?? list.settings.defaultMemberAction;
    if (action === 'defer') return null;
    const source = own === null ? "the list's default action for members" : "the member's own moderation setting";
    const verbs = { accept: 'accepted', hold: 'held for a moderator', reject: 'rejected', discard: 'discarded' } as const;
    return {
      rule: 'member-moderation',
      action,
      reason: `Posts from the member ${senderMember.address} are ${verbs[action]} by ${source}.`,
      details: { sender: senderMember.address, source: own === null ? 'list-default' : 'member' },
    };
  },
};
