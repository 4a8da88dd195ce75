// implicit-dest: neither the list's posting address nor an acceptable alias is among the
// explicit recipients (To, Cc, Resent-To, Resent-Cc), so the list got the post by Bcc or a
// forward, a common shape of spam. Held.
import { addressParser } from 'postal-mime';
import { addressKey } from '../../domain/address.ts';
import type { PostFacts } from '../../domain/post.ts';
import { matchesAddressPattern } from './patterns.ts';
import type { Rule } from './types.ts';

/** Every explicit recipient: To and Cc, plus Resent-To and Resent-Cc (RFC 5322 §3.6.6). */
export function explicitRecipients(post: PostFacts): string[] {
  const out = [...post.to, ...post.cc].map((a) => a.address);
  for (const h of post.headers) {
    const name = h.name.toLowerCase();
    if (name !== 'resent-to' && name !== 'resent-cc') continue;
    try {
      for (const a of addressParser(h.value, { flatten: true })) if (a.address) out.push(a.address);
    } catch {
      // An unparseable Resent- header names nobody.
    }
  }
  return out;
}

export const implicitDest: Rule = {
  id: 'implicit-dest',
  decides: false,
  check({ list, post }) {
    if (!list.settings.requireExplicitDestination) return null;
    const recipients = explicitRecipients(post);
    const listKey = addressKey(list.address);
    if (recipients.some((r) => addressKey(r) === listKey)) return null;
    const aliases = list.settings.acceptableAliases;
    if (recipients.some((r) => aliases.some((a) => matchesAddressPattern(r, a)))) return null;
    return {
      rule: 'implicit-dest',
      action: 'hold',
      reason: `The list address ${list.address} is not named in To or Cc (the post reached the list by Bcc or a forward).`,
      details: { recipients: recipients.length, shown: recipients.slice(0, 5).join(', ') },
    };
  },
};
