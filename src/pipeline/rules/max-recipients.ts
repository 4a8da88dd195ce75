// max-recipients: more explicit To/Cc recipients than the list allows, a shape of spam and of
// cross-posting storms. Held. 0 turns the check off.
import type { Rule } from './types.ts';

export const maxRecipients: Rule = {
  id: 'max-recipients',
  decides: false,
  check({ list, post }) {
    const limit = list.settings.maxRecipients;
    if (limit === 0) return null;
    const count = post.to.length + post.cc.length;
    if (count <= limit) return null;
    return {
      rule: 'max-recipients',
      action: 'hold',
      reason: `The post names ${count} recipients in To and Cc; this list holds posts with more than ${limit}.`,
      details: { recipients: count, limit },
    };
  },
};
