// header-match: each of the list's header rules (a case-insensitive regex over the decoded
// values of one header) gives its action on a match, after two built-in checks for headers
// that mark a post as spam or as an automatic reply (RFC 3834 §5: not meant for lists).
// When several match, the strongest action is reported.
import type { HeaderMatch } from '../../domain/list-settings.ts';
import { ACTION_STRENGTH } from './action-strength.ts';
import { compilePattern, MAX_HEADER_TEST_LENGTH, testCapped } from './patterns.ts';
import type { Rule } from './types.ts';

/** Checks every list runs before its own: a spam filter's verdict, vacation auto-replies. */
export const BUILTIN_HEADER_MATCHES: readonly HeaderMatch[] = [
  { header: 'X-Spam-Flag', pattern: '^\\s*yes\\b', action: 'hold' },
  { header: 'Auto-Submitted', pattern: '^\\s*auto-replied\\b', action: 'hold' },
];

export const headerMatch: Rule = {
  id: 'header-match',
  decides: false,
  check({ list, post }) {
    const entries = [
      ...BUILTIN_HEADER_MATCHES.map((m) => ({ ...m, source: 'built-in' })),
      ...list.settings.headerMatches.map((m) => ({ ...m, source: 'list' })),
    ];
    let best: { entry: (typeof entries)[number]; value: string } | null = null;
    let matched = 0;
    for (const entry of entries) {
      const re = compilePattern(entry.pattern);
      if (!re) continue;
      const name = entry.header.toLowerCase();
      const value = post.headers.find((h) => h.name.toLowerCase() === name && testCapped(re, h.value, MAX_HEADER_TEST_LENGTH))?.value;
      if (value === undefined) continue;
      matched++;
      if (!best || ACTION_STRENGTH[entry.action] > ACTION_STRENGTH[best.entry.action]) best = { entry, value };
    }
    if (!best) return null;
    const { entry, value } = best;
    return {
      rule: 'header-match',
      action: entry.action,
      reason: `The ${entry.header} header matches the ${entry.source} header rule /${entry.pattern}/ (action: ${entry.action}).`,
      details: { header: entry.header, pattern: entry.pattern, value: value.slice(0, 200), source: entry.source, matched },
    };
  },
};
