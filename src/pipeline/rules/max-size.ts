// max-size: the post is larger than the list's limit in KiB. SMTP refuses most such posts at
// DATA time; this rule catches what arrives another way (LMTP without a SIZE check, re-injection).
// Held. 0 turns the check off.
import type { Rule } from './types.ts';

export const maxSize: Rule = {
  id: 'max-size',
  decides: false,
  check({ list, post }) {
    const limitKb = list.settings.maxMessageKb;
    if (limitKb === 0 || post.size <= limitKb * 1024) return null;
    const sizeKb = Math.ceil(post.size / 1024);
    return {
      rule: 'max-size',
      action: 'hold',
      reason: `The post is ${sizeKb} KiB; this list holds posts larger than ${limitKb} KiB.`,
      details: { bytes: post.size, limitKb },
    };
  },
};
