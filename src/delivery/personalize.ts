// Each member's copy of a prepared post: header and footer texts with the member's own values, and
// RFC 2369 List-Unsubscribe with the member's RFC 8058 one-click link. compileCopies does the parsing,
// decoding and encoding once per post; the renderer it returns only fills two values and concatenates.
import { listDisplayName } from '../domain/list.ts';
import type { MailingList } from '../domain/list.ts';
import type { ListSettings } from '../domain/list-settings.ts';
import { roleAddress } from '../domain/roles.ts';
import type { Site } from '../domain/site.ts';
import { archiveUrl, listInfoUrl, oneClickUnsubscribeUrl, unsubscribePageUrl } from '../domain/urls.ts';
import { compileDecoration, serializeHeaders } from '../mime/index.ts';
import type { HeaderField } from '../mime/index.ts';

/** Who a copy is for; null renders the generic copy (bulk mode, or no membership to name). */
export interface CopyRecipient {
  address: string;
  unsubscribeToken: string;
}

export type CopyRenderer = (member: CopyRecipient | null) => Buffer;

/** The values that differ per member; every other template variable is filled once per post. */
interface MemberValues {
  member_address: string;
  unsubscribe_url: string;
}

type Piece = string | keyof MemberValues;

/** The variables a header or footer template may use, for a list (all but the member's own). */
export function templateValues(list: MailingList, site: Site): Record<string, string> {
  const { name, domain } = list;
  return {
    list_name: name,
    display_name: listDisplayName(list),
    list_address: list.address,
    list_info_url: listInfoUrl(site, name),
    leave_address: roleAddress(name, domain, 'leave'),
    join_address: roleAddress(name, domain, 'join'),
    request_address: roleAddress(name, domain, 'request'),
    archive_url: archiveUrl(site, name),
  };
}

/**
 * Splits a template into text with the list's values filled in and slots for the member's values.
 * Unknown `{names}` stay as written. Null for an empty template.
 */
export function compileTemplate(template: string, values: Readonly<Record<string, string>>): Piece[] | null {
  // Trailing spaces would join lines in a format=flowed body (RFC 3676 §4.2); templates never need them.
  const text = template.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
  if (text.trim() === '') return null;
  const fill = (s: string): string => s.replace(/\{([a-z_]+)\}/g, (m, k: string) => values[k] ?? m);
  return text
    .split(/(\{member_address\}|\{unsubscribe_url\})/)
    .map((p): Piece => (p === '{member_address}' ? 'member_address' : p === '{unsubscribe_url}' ? 'unsubscribe_url' : fill(p)));
}

export function renderTemplate(pieces: readonly Piece[] | null, member: MemberValues): string {
  if (!pieces) return '';
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    // Static text sits at even indexes, member slots at odd ones (String.split with a capture group).
    out += i % 2 === 1 ? member[p as keyof MemberValues] : p;
  }
  return out;
}

const keptField = (f: HeaderField): boolean => f.key !== 'list-unsubscribe' && f.key !== 'list-unsubscribe-post';

export function compileCopies(prepared: Buffer, list: MailingList, site: Site, mode: ListSettings['deliveryMode']): CopyRenderer {
  const values = templateValues(list, site);
  const generic: MemberValues = { member_address: '', unsubscribe_url: unsubscribePageUrl(site, list.name) };
  const header = compileTemplate(list.settings.headerTemplate, values);
  const footer = compileTemplate(list.settings.footerTemplate, values);
  const sample = `${renderTemplate(header, generic)}\n${renderTemplate(footer, generic)}`;
  const decoration = compileDecoration(prepared, { header: header !== null, footer: footer !== null, sample });
  const { eol } = decoration;

  // The header block around the List-Unsubscribe slot, which keeps the place the field had.
  const fields = decoration.headers;
  const slot = fields.findIndex((f) => !keptField(f));
  const insertAt = slot < 0 ? fields.filter(keptField).length : fields.slice(0, slot).filter(keptField).length;
  const kept = fields.filter(keptField);
  const before = serializeHeaders(kept.slice(0, insertAt));
  const after = Buffer.concat([serializeHeaders(kept.slice(insertAt)), decoration.separator]);

  // RFC 2369 §3.2 List-Unsubscribe, mailto first; RFC 8058 §3.1 One-Click only with a personal https URI.
  const prefix = `List-Unsubscribe: <mailto:${values.leave_address}>,`;
  const unsubscribeField = (url: string): Buffer =>
    Buffer.from(prefix.length + url.length + 3 <= 78 ? `${prefix} <${url}>${eol}` : `${prefix}${eol} <${url}>${eol}`, 'latin1');
  const oneClick = Buffer.from(`List-Unsubscribe-Post: List-Unsubscribe=One-Click${eol}`, 'latin1');
  const genericField = unsubscribeField(generic.unsubscribe_url);

  const render = (member: CopyRecipient | null): Buffer => {
    const personal = member !== null && member.unsubscribeToken !== '';
    const v: MemberValues = personal
      ? { member_address: member.address, unsubscribe_url: oneClickUnsubscribeUrl(site, member.unsubscribeToken) }
      : { ...generic, member_address: member?.address ?? '' };
    const body = decoration.renderBody(renderTemplate(header, v), renderTemplate(footer, v));
    const head = personal ? [before, unsubscribeField(v.unsubscribe_url), oneClick, after] : [before, genericField, after];
    return Buffer.concat([...head, ...body]);
  };

  if (mode === 'bulk') {
    const copy = render(null);
    return () => copy;
  }
  let genericCopy: Buffer | null = null;
  return (member) => (member ? render(member) : (genericCopy ??= render(null)));
}
