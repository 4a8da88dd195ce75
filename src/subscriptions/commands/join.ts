// `subscribe` / `join [digest|nodigest] [address=<address>]`: a request to join. For the sender it
// follows the list's policy; for another address it always asks that address to confirm, and the
// reply says the same whether or not that address could join.
import { addressKey } from '../../domain/address.ts';
import type { DeliveryMode } from '../../domain/list.ts';
import { requestSubscribe } from '../requests.ts';
import { keyValue, usage } from './types.ts';
import type { EmailCommand } from './types.ts';

const DIGEST_VALUES: Record<string, DeliveryMode> = {
  mime: 'mime_digest', plain: 'plain_digest', yes: 'mime_digest', no: 'regular', none: 'regular', regular: 'regular', off: 'regular',
};

export const join: EmailCommand = {
  name: 'subscribe',
  aliases: ['join'],
  synopsis: '[digest|nodigest] [address=<address>]',
  description: 'Join the list, as yourself or (after their confirmation) as another address.',
  async run({ deps, list, sender }, args) {
    let address = sender.address;
    let deliveryMode: DeliveryMode = 'regular';
    for (const arg of args) {
      const { key, value } = keyValue(arg);
      if (key === 'digest' && value === '') deliveryMode = 'mime_digest';
      else if (key === 'nodigest' && value === '') deliveryMode = 'regular';
      else if (key === 'digest' && DIGEST_VALUES[value.toLowerCase()]) deliveryMode = DIGEST_VALUES[value.toLowerCase()] ?? 'regular';
      else if (key === 'address' && value !== '') address = value;
      else return { lines: [`Unknown argument: ${arg.slice(0, 100)}`, usage(join)] };
    }
    const self = addressKey(address.replace(/^<|>$/g, '')) === addressKey(sender.address);
    const r = await requestSubscribe(deps, list, {
      address, deliveryMode, via: 'email', requestedBy: sender.address, ...(self ? { displayName: sender.name } : {}),
    });
    return { lines: [self ? r.text : r.publicText] };
  },
};
