// Gives a post without a usable Message-ID one, derived from its bytes as received and the site's host
// name (mime/message-id.ts), so the archive and the Archived-At link name it the same way.
import { getValue, makeField, parseMessageId, replaceField, stableMessageId } from '../../mime/index.ts';
import type { Transform } from './types.ts';

export const ensureMessageId: Transform = (msg, ctx) => {
  if (parseMessageId(getValue(msg.headers, 'message-id'))) return msg;
  const id = stableMessageId(msg.source, ctx.site.hostname);
  return { ...msg, headers: replaceField(msg.headers, makeField('Message-ID', `<${id}>`, msg.eol)) };
};
