// RFC 3464 §2: a message/delivery-status body is one per-message field group followed by one
// per-recipient group for each recipient, separated by blank lines. Real reports run groups
// together or drop the blank lines, so groups are also cut where a new Final-Recipient starts.
import { parseHeaderBlock, type HeaderFields } from './header-fields.ts';

export interface DsnRecipient {
  /** From Original-Recipient when it is an RFC 822 address, else Final-Recipient (or X-Actual-Recipient). */
  address: string | null;
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string;
  status: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
}

export interface DsnReport {
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

const MAX_GROUPS = 500;

/** The address of an RFC 3464 address field: "rfc822; user@host" (or bare, or in angle brackets). */
export function dsnAddress(value: string | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  const semi = v.indexOf(';');
  if (semi >= 0) {
    const type = v.slice(0, semi).trim().toLowerCase();
    if (type !== '' && !/^(?:rfc822|rfc-822|smtp|internet|x-unknown|unknown|utf-8)$/.test(type) && !type.includes('@')) return null;
    if (!type.includes('@')) v = v.slice(semi + 1).trim();
  }
  const angle = /<([^<>]*@[^<>]*)>/.exec(v);
  if (angle?.[1]) v = angle[1];
  v = v.replace(/^["'<\s]+|["'>\s.,;]+$/g, '');
  return v.includes('@') ? v : null;
}

function splitGroups(text: string): string[] {
  const groups: string[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    // Cut where a second recipient's fields begin: a repeated Final-Recipient or Original-Recipient,
    // or an Original-Recipient after a Final-Recipient already followed by its Action or Status.
    let current: string[] = [];
    let seen = new Set<string>();
    let afterFinal = new Set<string>();
    for (const line of chunk.split('\n')) {
      const name = /^([a-z-]+)\s*:/i.exec(line)?.[1]?.toLowerCase() ?? '';
      const repeats =
        (name === 'final-recipient' && seen.has(name)) ||
        (name === 'original-recipient' && (seen.has(name) || afterFinal.has('action') || afterFinal.has('status')));
      if (repeats) {
        groups.push(current.join('\n'));
        current = [];
        seen = new Set<string>();
        afterFinal = new Set<string>();
      }
      if (name !== '' && seen.has('final-recipient')) afterFinal.add(name);
      if (name !== '') seen.add(name);
      current.push(line);
    }
    if (current.length > 0) groups.push(current.join('\n'));
    if (groups.length > MAX_GROUPS) break;
  }
  return groups.filter((g) => g.trim() !== '');
}

function statusOf(fields: HeaderFields): string | null {
  const m = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(fields.get('status') ?? '');
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** Parses delivery-status text; returns null when it holds no per-recipient group at all. */
export function parseDsn(text: string): DsnReport | null {
  const body = text.replace(/^\s+/, '');
  let reportingMta: string | null = null;
  const recipients: DsnRecipient[] = [];
  for (const group of splitGroups(body)) {
    const { fields } = parseHeaderBlock(group + '\n', false, true);
    if (fields.has('reporting-mta') && reportingMta === null) reportingMta = fields.get('reporting-mta') ?? null;
    const finalRecipient = dsnAddress(fields.get('final-recipient'));
    const originalRecipient = dsnAddress(fields.get('original-recipient'));
    const actual = dsnAddress(fields.get('x-actual-recipient'));
    if (!fields.has('final-recipient') && !fields.has('original-recipient') && !fields.has('action')) continue;
    recipients.push({
      address: originalRecipient ?? finalRecipient ?? actual,
      finalRecipient,
      originalRecipient,
      action: (fields.get('action') ?? '').trim().toLowerCase(),
      status: statusOf(fields),
      diagnostic: fields.get('diagnostic-code') ?? fields.get('x-diagnostic-code') ?? null,
      remoteMta: fields.get('remote-mta') ?? null,
    });
  }
  return recipients.length > 0 ? { reportingMta, recipients } : null;
}
