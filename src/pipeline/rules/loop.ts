// loop: the post already carries this list's List-Id (RFC 2919) or X-BeenThere, so it came back
// from our own distribution; posting it again would loop forever. Discarded.
import { addressKey } from '../../domain/address.ts';
import type { MailingList } from '../../domain/list.ts';
import type { Rule } from './types.ts';

/** The list identifier we put in List-Id: RFC 2919 §3 `<name.domain>`, as Mailman does. */
export const listIdOf = (list: Pick<MailingList, 'name' | 'domain'>): string => `${list.name}.${list.domain}`.toLowerCase();

// RFC 2919 §3: the identifier is the last angle-bracketed part; a bare value is tolerated.
function listIdValue(value: string): string {
  const m = /<([^<>]*)>\s*$/.exec(value);
  return (m?.[1] ?? value).trim().toLowerCase();
}

export const loop: Rule = {
  id: 'loop',
  decides: true,
  check({ list, post }) {
    const ourId = listIdOf(list);
    const ourAddress = addressKey(list.address);
    for (const h of post.headers) {
      const name = h.name.toLowerCase();
      if (name === 'list-id' && listIdValue(h.value) === ourId) {
        return {
          rule: 'loop',
          action: 'discard',
          reason: 'The message has already been distributed by this list (it carries our List-Id).',
          details: { header: 'List-Id', value: h.value },
        };
      }
      if (name === 'x-beenthere' && addressKey(h.value.replace(/^<|>$/g, '')) === ourAddress) {
        return {
          rule: 'loop',
          action: 'discard',
          reason: 'The message has already been distributed by this list (it carries our X-BeenThere).',
          details: { header: 'X-BeenThere', value: h.value },
        };
      }
    }
    return null;
  },
};
