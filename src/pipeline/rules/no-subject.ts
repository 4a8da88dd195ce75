// no-subject: the post has no Subject, or one with nothing but whitespace, reply markers or the
// list's own prefix once encoded words are decoded. Held when the list requires a subject.
import type { MailingList } from '../../domain/list.ts';
import type { Rule } from './types.ts';

// The prefix as it appears in subjects: "[{list_name}]" filled in, "{sequence}" matching digits.
function prefixPattern(list: MailingList): RegExp | null {
  const template = list.settings.subjectPrefix.trim();
  if (template === '') return null;
  const escaped = template
    .split(/(\{list_name\}|\{sequence\})/)
    .map((part) => (part === '{list_name}' ? escapeRe(list.name) : part === '{sequence}' ? '\\d*' : escapeRe(part)))
    .join('');
  return new RegExp(escaped, 'gi');
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Reply and forward markers in the languages mail clients commonly use.
const MARKERS = /\b(?:re|aw|sv|vs|antw|fwd?|wg|tr|rif|odp)\s*(?:\[\d+\])?\s*:/gi;

/** The subject with prefixes and reply markers taken out; empty means there is no subject. */
export function subjectText(subject: string, list: MailingList): string {
  const prefix = prefixPattern(list);
  const withoutPrefix = prefix ? subject.replace(prefix, ' ') : subject;
  return withoutPrefix.replace(MARKERS, ' ').trim();
}

export const noSubject: Rule = {
  id: 'no-subject',
  decides: false,
  check({ list, post }) {
    if (!list.settings.requireSubject) return null;
    if (post.subject === null) {
      return {
        rule: 'no-subject',
        action: 'hold',
        reason: 'The post has no Subject header.',
        details: { subject: null },
      };
    }
    if (subjectText(post.subject, list) !== '') return null;
    return {
      rule: 'no-subject',
      action: 'hold',
      reason: 'The post has an empty subject.',
      details: { subject: post.subject.slice(0, 200) },
    };
  },
};
