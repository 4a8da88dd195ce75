// Drops the signatures our changes break (RFC 6376): a DKIM-Signature whose signed fields (h=) we
// changed, or every one when the body changes (a prefix, a footer or a stripped password line). When
// the message changed, ARC sets (RFC 8617) sealed by the poster's own domain go too, and a chain left
// with gaps is removed whole. Signatures still valid stay, which helps the poster's DMARC.
import { fieldValue, getValue, parseAddressList } from '../../mime/index.ts';
import type { HeaderField } from '../../mime/index.ts';
import { draftFromRaw } from './draft.ts';
import type { Transform } from './types.ts';

// Fields each delivered copy gets anew (delivery/personalize.ts), so a signature over them cannot survive.
const CHANGED_AT_DELIVERY = new Set(['list-unsubscribe', 'list-unsubscribe-post']);

/** RFC 6376 §3.2 tag=value list; whitespace inside values is not significant. */
function tagList(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

const sameOrgish = (a: string, b: string): boolean => a !== '' && b !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));

export const removeDkim: Transform = (msg, ctx) => {
  const original = draftFromRaw(msg.source);
  const { headerTemplate, footerTemplate } = ctx.list.settings;
  const bodyChanged = headerTemplate.trim() !== '' || footerTemplate.trim() !== '' || !msg.body.equals(original.body);
  const rawOf = (fields: readonly HeaderField[], key: string): string =>
    fields.filter((f) => f.key === key).map((f) => f.raw.toString('latin1')).join('\0');
  const fieldChanged = (key: string): boolean => CHANGED_AT_DELIVERY.has(key) || rawOf(original.headers, key) !== rawOf(msg.headers, key);
  const broken = (f: HeaderField): boolean => {
    if (bodyChanged) return true;
    const signed = (tagList(fieldValue(f)).get('h') ?? '').split(':').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
    return signed.length === 0 || signed.some(fieldChanged);
  };
  const signatures = msg.headers.filter((f) => f.key === 'dkim-signature' || f.key === 'arc-message-signature');
  if (!bodyChanged && !signatures.some(broken)) return msg;

  const from = parseAddressList(getValue(msg.headers, 'from') ?? '')[0]?.address ?? '';
  const posterDomain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  const instanceOf = (f: HeaderField): string => tagList(fieldValue(f)).get('i') ?? '';
  const arc = msg.headers.filter((f) => f.key === 'arc-seal' || f.key === 'arc-message-signature' || f.key === 'arc-authentication-results');
  const dropped = new Set(
    arc.filter((f) => f.key !== 'arc-authentication-results' && sameOrgish((tagList(fieldValue(f)).get('d') ?? '').toLowerCase(), posterDomain)).map(instanceOf),
  );
  const left = [...new Set(arc.map(instanceOf).filter((i) => !dropped.has(i)))].map(Number).sort((a, b) => a - b);
  const chainWhole = left.every((n, i) => n === i + 1);
  const drop = (f: HeaderField): boolean => {
    if (f.key === 'dkim-signature') return broken(f);
    if (f.key === 'domainkey-signature') return true;
    if (arc.includes(f)) return !chainWhole || dropped.has(instanceOf(f));
    return false;
  };
  return { ...msg, headers: msg.headers.filter((f) => !drop(f)) };
};
