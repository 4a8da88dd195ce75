// emergency: while the list is in emergency moderation, every post not pre-approved is held.
import type { Rule } from './types.ts';

export const emergency: Rule = {
  id: 'emergency',
  decides: true,
  check({ list }) {
    if (!list.settings.emergency) return null;
    return {
      rule: 'emergency',
      action: 'hold',
      reason: 'The list is under emergency moderation: every post is held for a moderator.',
    };
  },
};
