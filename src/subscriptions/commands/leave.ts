// `unsubscribe` / `leave [address=<address>]`: a request to leave. For another address it always
// asks that address to confirm, and the reply never says whether it was a member.
import { addressKey } from '../../domain/address.ts';
import { requestUnsubscribe } from '../requests.ts';
import { keyValue, usage } from './types.ts';
import type { EmailCommand } from './types.ts';

export const leave: EmailCommand = {
  name: 'unsubscribe',
  aliases: ['leave'],
  synopsis: '[address=<address>]',
  description: 'Leave the list, as yourself or (after their confirmation) as another address.',
  async run({ deps, list, sender }, args) {
    let address = sender.address;
    for (const arg of args) {
      const { key, value } = keyValue(arg);
      if (key === 'address' && value !== '') address = value;
      else return { lines: [`Unknown argument: ${arg.slice(0, 100)}`, usage(leave)] };
    }
    const self = addressKey(address.replace(/^<|>$/g, '')) === addressKey(sender.address);
    const r = await requestUnsubscribe(deps, list, { address, via: 'email', requestedBy: sender.address });
    return { lines: [self ? r.text : r.publicText] };
  },
};
