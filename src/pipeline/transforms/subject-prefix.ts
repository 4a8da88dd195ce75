// Adds the list's subject prefix (`[name]`, optionally with the archive number) the way Mailman does:
// earlier copies of the prefix and stacked `Re:` are removed, so `Re: [x] Re: [x] foo` becomes
// `[x] Re: foo`. Encoded-word subjects (RFC 2047) are decoded, prefixed and encoded again, in their
// original charset when it can hold the result, else UTF-8.
import {
  decodeEncodedWords,
  encodedWordCharsets,
  encodeText,
  fieldValue,
  getField,
  makeField,
  replaceField,
  unstructuredTokens,
} from '../../mime/index.ts';
import type { Transform } from './types.ts';

// Mailman's reply markers: Re, and its German, Scandinavian and Finnish forms, with an optional count.
const REPLY_RE = /^((RE|AW|SV|VS)(\[\d+\])?\s*:\s*)+/i;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function fillPrefix(template: string, listName: string, sequence: number | null): string {
  return template
    .replaceAll('{list_name}', listName)
    .replaceAll('{sequence}', sequence === null ? '' : String(sequence))
    .replace(/\s+/g, ' ')
    .replace(/\s+([\])>}])/g, '$1')
    .trim();
}

function patternSource(template: string, listName: string): string {
  return template
    .trim()
    .split(/(\{list_name\}|\{sequence\})/)
    .map((p) => {
      if (p === '{list_name}') return escapeRegExp(listName);
      if (p === '{sequence}') return '\\s*\\d*\\s*';
      return p.split(/\s+/).map(escapeRegExp).join('\\s*');
    })
    .join('');
}

/**
 * Matches the prefix in the forms posts carry it: with whatever sequence number, in either case,
 * loosely spaced; a numbered prefix also matches its plain form (`[x 12]` and `[x]`).
 */
export function prefixPattern(template: string, listName: string): RegExp {
  const sources = [patternSource(template, listName)];
  const plain = template.replace(/[^\w\s[\]()<>{}]*\s*\{sequence\}/g, '');
  if (plain !== template && plain.trim() !== '') sources.push(patternSource(plain, listName));
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'gi');
}

/** The subject with the prefix in front, earlier prefixes and stacked replies folded into one `Re:`. */
export function prefixSubject(subject: string, prefix: string, pattern: RegExp): string {
  let s = subject.replace(/\s+/g, ' ').replace(pattern, ' ').trim();
  const reply = REPLY_RE.exec(s);
  if (reply) s = s.slice(reply[0].length);
  s = s.replace(/\s+/g, ' ').trim();
  if (s === '') s = '(no subject)';
  return `${prefix} ${reply ? 'Re: ' : ''}${s}`;
}

export const subjectPrefix: Transform = (msg, ctx) => {
  const template = ctx.list.settings.subjectPrefix;
  if (template.trim() === '') return msg;
  const prefix = fillPrefix(template, ctx.list.name, ctx.sequence);
  const field = getField(msg.headers, 'subject');
  const raw = field ? fieldValue(field) : '';
  const before = decodeEncodedWords(raw);
  const after = prefixSubject(before, prefix, prefixPattern(template, ctx.list.name));
  // An already well-formed subject keeps its bytes (and any DKIM signature over it).
  if (field && after === before.replace(/\s+/g, ' ').trim()) return msg;
  const original = encodedWordCharsets(raw).find((cs) => cs !== 'utf-8' && cs !== 'us-ascii');
  const charset = original && encodeText(after, original) ? original : 'UTF-8';
  return { ...msg, headers: replaceField(msg.headers, makeField('Subject', unstructuredTokens(after, charset), msg.eol)) };
};
