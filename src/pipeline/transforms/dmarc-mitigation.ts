// DMARC mitigation (RFC 7960 §4.1.3): the list changes what an author's DKIM signature covers, so a
// post from a domain asking receivers to reject or quarantine failing mail would be refused on its
// way to the members. The list takes the post as its own instead: From becomes `"Name via List"
// <list address>` (the author moves to Reply-To or Cc, and X-Original-From), or the post goes out
// wrapped whole as message/rfc822 under the list's From.
import { createHash } from 'node:crypto';
import { addressKey } from '../../domain/address.ts';
import { listDisplayName } from '../../domain/list.ts';
import type { MailboxAddress } from '../../domain/post.ts';
import { fieldValue, formatMailbox, getField, getValue, makeField, parseAddressList, replaceField } from '../../mime/index.ts';
import type { HeaderField } from '../../mime/index.ts';
import { matchesAddressPattern } from '../rules/patterns.ts';
import { draftToBuffer } from './draft.ts';
import type { MessageDraft, Transform, TransformContext } from './types.ts';

const domainPart = (address: string): string => {
  const key = addressKey(address);
  return key.slice(key.lastIndexOf('@') + 1);
};

/** Whether a sender matches a dmarcMitigateSenders entry: an address, a domain (and its subdomains) or a ^regex. */
export function senderListed(address: string, entry: string): boolean {
  const p = entry.trim().toLowerCase();
  if (p === '') return false;
  if (p.startsWith('^') || (p.includes('@') && !p.startsWith('@'))) return matchesAddressPattern(address, entry);
  const domain = p.replace(/^@/, '');
  const own = domainPart(address);
  return own === domain || own.endsWith(`.${domain}`);
}

/** Why this post is to be mitigated, or null when it goes out as the author sent it. */
export function mitigationReason(ctx: TransformContext, author: string): string | null {
  const s = ctx.list.settings;
  const listed = s.dmarcMitigateSenders.find((e) => senderListed(author, e));
  if (listed !== undefined) return `sender listed (${listed})`;
  if (s.dmarcMitigation === 'always') return 'the list mitigates every post';
  const policy = ctx.dmarc && ctx.dmarc.domain === domainPart(author) ? ctx.dmarc.policy : null;
  if (s.dmarcMitigation === 'protected' && (policy === 'reject' || policy === 'quarantine')) return `p=${policy}`;
  return null;
}

/** RFC 5322 §3.6.2 display name for the list's From: the author's name, or the address written " at ". */
const viaName = (author: MailboxAddress, ctx: TransformContext): string =>
  `${author.name.trim() || author.address.replace('@', ' at ')} via ${listDisplayName(ctx.list)}`;

/** Puts a new field right below X-Original-From, where a reader looks for the author. */
function besideFrom(headers: readonly HeaderField[], field: HeaderField): HeaderField[] {
  const at = headers.findIndex((f) => f.key === 'x-original-from');
  return at < 0 ? [...headers, field] : [...headers.slice(0, at + 1), field, ...headers.slice(at + 1)];
}

/** Where replies to the author go: Reply-To when the list leaves replies to the poster, else Cc. */
function authorReplyField(headers: readonly HeaderField[], author: MailboxAddress, ctx: TransformContext, eol: MessageDraft['eol']): HeaderField[] {
  const { replyTo, replyToAddress } = ctx.list.settings;
  const posterPolicy = replyTo === 'poster' || (replyTo === 'explicit' && replyToAddress.trim() === '');
  if (posterPolicy) {
    // The author's own Reply-To already says where replies go.
    if (getField(headers, 'reply-to')) return [...headers];
    return besideFrom(headers, makeField('Reply-To', formatMailbox(author), eol));
  }
  const named = [...parseAddressList(getValue(headers, 'to') ?? ''), ...parseAddressList(getValue(headers, 'cc') ?? '')];
  if (named.some((m) => addressKey(m.address) === addressKey(author.address))) return [...headers];
  const cc = getValue(headers, 'cc');
  if (cc === null || cc.trim() === '') return besideFrom(headers.filter((f) => f.key !== 'cc'), makeField('Cc', formatMailbox(author), eol));
  return replaceField(headers, makeField('Cc', `${cc.replace(/,\s*$/, '')}, ${formatMailbox(author)}`, eol));
}

/** From becomes the list's, the original kept in X-Original-From right below it. */
function mungedHeaders(headers: readonly HeaderField[], from: HeaderField, author: MailboxAddress, ctx: TransformContext, eol: MessageDraft['eol']): HeaderField[] {
  const colon = from.raw.indexOf(58);
  const original: HeaderField = { name: 'X-Original-From', key: 'x-original-from', raw: Buffer.concat([Buffer.from('X-Original-From:', 'latin1'), from.raw.subarray(colon + 1)]) };
  const listFrom = makeField('From', formatMailbox({ name: viaName(author, ctx), address: ctx.list.address }), eol);
  const out: HeaderField[] = [];
  for (const f of headers) {
    if (f.key === 'x-original-from') continue;
    if (f === from) out.push(listFrom, original);
    else if (f.key !== 'from') out.push(f);
  }
  return authorReplyField(out, author, ctx, eol);
}

// Fields the outer message of a wrapped post carries: the trace (RFC 5321 §4.4, RFC 8601, RFC 8617)
// and what readers and threading look at. Everything else stays inside, with the author's signature.
const OUTER_FIELDS = new Set([
  'received', 'authentication-results', 'arc-seal', 'arc-message-signature', 'arc-authentication-results',
  'from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'reply-to', 'precedence',
]);

function boundaryFor(inner: Buffer): string {
  const base = `=_caucus_${createHash('sha256').update(inner).digest('hex').slice(0, 24)}`;
  let b = base;
  for (let i = 1; inner.includes(`--${b}`, 0, 'latin1'); i++) b = `${base}.${i}`;
  return b;
}

/** RFC 2046 §5.2.1: the post whole as a message/rfc822 part of a multipart/mixed sent by the list. */
function wrapped(msg: MessageDraft, from: HeaderField, author: MailboxAddress, ctx: TransformContext): MessageDraft {
  const { eol } = msg;
  const inner = draftToBuffer(msg);
  const boundary = boundaryFor(inner);
  const eightBit = inner.some((b) => b > 0x7f);
  const outer = mungedHeaders(msg.headers.filter((f) => OUTER_FIELDS.has(f.key)), from, author, ctx, eol);
  // RFC 2045 §6.4: the multipart and the message part declare 8bit when the wrapped message has 8-bit octets.
  const cte = eightBit ? `Content-Transfer-Encoding: 8bit${eol}` : '';
  const headers = [
    ...outer,
    makeField('MIME-Version', '1.0', eol),
    makeField('Content-Type', ['multipart/mixed;', `boundary="${boundary}"`], eol),
    ...(eightBit ? [makeField('Content-Transfer-Encoding', '8bit', eol)] : []),
  ];
  const partHead = `--${boundary}${eol}Content-Type: message/rfc822${eol}Content-Disposition: inline${eol}${cte}${eol}`;
  // The line break before a delimiter belongs to it (RFC 2046 §5.1.1), so the inner message keeps its own last one.
  const body = Buffer.concat([Buffer.from(partHead, 'latin1'), inner, Buffer.from(`${eol}--${boundary}--${eol}`, 'latin1')]);
  return { ...msg, headers, separator: Buffer.from(eol, 'latin1'), body };
}

export const dmarcMitigation: Transform = (msg, ctx) => {
  const from = getField(msg.headers, 'from');
  if (!from) return msg;
  const author = parseAddressList(fieldValue(from))[0];
  if (!author || !author.address.includes('@') || addressKey(author.address) === addressKey(ctx.list.address)) return msg;
  if (mitigationReason(ctx, author.address) === null) return msg;
  if (ctx.list.settings.dmarcMitigationAction === 'wrap') return wrapped(msg, from, author, ctx);
  return { ...msg, headers: mungedHeaders(msg.headers, from, author, ctx, msg.eol) };
};
