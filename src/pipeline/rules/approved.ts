// approved: the post carries the list's moderator password in an Approved:/Approve: header, or
// as the first non-blank body line in that form, so a moderator pre-approved it. Accepted.
// The password itself must be stripped before distribution (a transform's job; rules write nothing).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Rule } from './types.ts';

/** Header names Mailman accepts for pre-approval, lower-case. */
export const APPROVAL_HEADERS: readonly string[] = ['approved', 'approve', 'x-approved', 'x-approve'];

// Hashing first gives equal-length inputs, so the comparison time says nothing about the password.
function samePassword(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Where the post offers a password: the first approval header, else the first body line. */
function offeredPassword(headers: ReadonlyArray<{ name: string; value: string }>, firstLine: string | undefined):
  { password: string; source: 'header' | 'body-line'; field: string } | null {
  for (const h of headers) {
    if (APPROVAL_HEADERS.includes(h.name.toLowerCase())) return { password: h.value.trim(), source: 'header', field: h.name };
  }
  if (firstLine === undefined) return null;
  const m = /^([A-Za-z-]+):(.*)$/.exec(firstLine);
  if (m?.[1] && m[2] !== undefined && APPROVAL_HEADERS.includes(m[1].toLowerCase())) {
    return { password: m[2].trim(), source: 'body-line', field: m[1] };
  }
  return null;
}

export const approved: Rule = {
  id: 'approved',
  decides: true,
  check({ list, post }) {
    const expected = list.settings.moderatorPassword;
    if (expected === '') return null;
    const offered = offeredPassword(post.headers, post.firstLines[0]);
    if (!offered || offered.password === '' || !samePassword(offered.password, expected)) return null;
    return {
      rule: 'approved',
      action: 'accept',
      reason: offered.source === 'header'
        ? `The post was pre-approved with the moderator password in its ${offered.field} header.`
        : `The post was pre-approved with the moderator password on its first body line (${offered.field}:).`,
      details: { source: offered.source, field: offered.field },
    };
  },
};
