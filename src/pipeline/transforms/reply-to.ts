// Sets Reply-To from the list's reply policy: `poster` leaves the poster's choice alone; `list` and
// `explicit` replace any Reply-To the poster set (Mailman's "first strip" option) with the list's
// posting address or the configured address.
import { formatMailbox, makeField, parseAddressList, replaceField } from '../../mime/index.ts';
import { listDisplayName } from '../../domain/list.ts';
import type { Transform } from './types.ts';

export const replyTo: Transform = (msg, ctx) => {
  const { settings } = ctx.list;
  let value: string;
  if (settings.replyTo === 'list') {
    value = formatMailbox({ name: listDisplayName(ctx.list), address: ctx.list.address });
  } else if (settings.replyTo === 'explicit' && settings.replyToAddress.trim() !== '') {
    const parsed = parseAddressList(settings.replyToAddress);
    if (parsed.length === 0) return msg;
    value = parsed.map((m, i) => formatMailbox(m) + (i < parsed.length - 1 ? ',' : '')).join(' ');
  } else {
    return msg;
  }
  return { ...msg, headers: replaceField(msg.headers, makeField('Reply-To', value, msg.eol)) };
};
