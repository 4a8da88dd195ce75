// banned-address: a sender is on the list's ban list (plain address or ^regex). Discarded
// silently, as Mailman does, so a banned sender learns nothing.
import { findAddressMatch } from './patterns.ts';
import type { Rule } from './types.ts';

export const bannedAddress: Rule = {
  id: 'banned-address',
  decides: true,
  check({ list, post }) {
    const hit = findAddressMatch(post.senders, list.settings.bannedAddresses);
    if (!hit) return null;
    return {
      rule: 'banned-address',
      action: 'discard',
      reason: `The sender ${hit.address} is banned from this list.`,
      details: { sender: hit.address, pattern: hit.pattern },
    };
  },
};
