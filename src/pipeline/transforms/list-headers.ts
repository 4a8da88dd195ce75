// The list's own header fields, replacing any a post brought from upstream: RFC 2919 List-Id, RFC 2369
// List-Help/-Post/-Subscribe/-Unsubscribe/-Archive/-Owner, RFC 5064 Archived-At, X-BeenThere (read by
// the loop rule) and Precedence: list. The generic List-Unsubscribe is swapped for a per-member one at
// delivery (delivery/personalize.ts).
import { encodePhrase, fieldValue, getValue, hasField, makeField, parseMessageId, removeFields } from '../../mime/index.ts';
import type { HeaderField } from '../../mime/index.ts';
import { listDisplayName } from '../../domain/list.ts';
import { roleAddress } from '../../domain/roles.ts';
import { archiveUrl, listInfoUrl, messagePermalink, unsubscribePageUrl } from '../../domain/urls.ts';
import type { Transform } from './types.ts';

const LIST_FIELDS = [
  'list-id',
  'list-help',
  'list-post',
  'list-subscribe',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'list-archive',
  'list-owner',
  'archived-at',
];

export const listHeaders: Transform = (msg, ctx) => {
  const { list, site } = ctx;
  const { name, domain } = list;
  const eol = msg.eol;
  const mailto = (role: 'request' | 'join' | 'leave' | 'owner'): string => `<mailto:${roleAddress(name, domain, role)}`;
  const added: HeaderField[] = [makeField('X-BeenThere', list.address, eol)];
  if (!hasField(msg.headers, 'precedence')) added.push(makeField('Precedence', 'list', eol));
  added.push(
    makeField('List-Id', [...encodePhrase(listDisplayName(list)).split(' '), `<${name}.${domain}>`], eol),
    makeField('List-Help', `${mailto('request')}?subject=help>`, eol),
    makeField('List-Post', `<mailto:${list.address}>`, eol),
    makeField('List-Subscribe', [`${mailto('join')}>,`, `<${listInfoUrl(site, name)}>`], eol),
    makeField('List-Unsubscribe', [`${mailto('leave')}>,`, `<${unsubscribePageUrl(site, name)}>`], eol),
    makeField('List-Owner', `${mailto('owner')}>`, eol),
  );
  if (list.settings.archivePolicy !== 'none') {
    added.push(makeField('List-Archive', `<${archiveUrl(site, name)}>`, eol));
    const id = parseMessageId(getValue(msg.headers, 'message-id'));
    if (id) added.push(makeField('Archived-At', `<${messagePermalink(site, name, id)}>`, eol));
  }
  const kept = removeFields(msg.headers, (f) => LIST_FIELDS.includes(f.key) || (f.key === 'x-beenthere' && fieldValue(f).toLowerCase() === list.address.toLowerCase()));
  return { ...msg, headers: [...kept, ...added] };
};
