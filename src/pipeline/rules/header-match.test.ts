import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerMatch } from './header-match.ts';
import { contextFor, post } from './fixtures/make-context.ts';

test("header-match: a list's header rule gives its action", async () => {
  const settings = { headerMatches: [{ header: 'X-Mailer', pattern: 'bulk ?mailer', action: 'discard' as const }] };
  const hit = headerMatch.check(await contextFor(post(['X-Mailer: Super BULK Mailer 3.1']), { settings }));
  assert.equal(hit?.action, 'discard');
  assert.equal(hit?.reason, 'The X-Mailer header matches the list header rule /bulk ?mailer/ (action: discard).');
  assert.deepEqual(hit?.details, { header: 'X-Mailer', pattern: 'bulk ?mailer', value: 'Super BULK Mailer 3.1', source: 'list', matched: 1 });
});

test('header-match: values are matched decoded (RFC 2047)', async () => {
  const settings = { headerMatches: [{ header: 'subject', pattern: 'виагра', action: 'reject' as const }] };
  const hit = headerMatch.check(await contextFor(post(['Subject: =?utf-8?b?0LLQuNCw0LPRgNCw?=']), { settings }));
  assert.equal(hit?.action, 'reject');
});

test('header-match: built-in checks hold spam-flagged posts and auto-replies', async () => {
  assert.equal(headerMatch.check(await contextFor(post(['X-Spam-Flag: YES'])))?.details?.source, 'built-in');
  assert.equal(headerMatch.check(await contextFor(post(['Auto-Submitted: auto-replied (vacation)'])))?.action, 'hold');
  assert.equal(headerMatch.check(await contextFor(post(['X-Spam-Flag: NO', 'Auto-Submitted: no']))), null);
});

test('header-match: the strongest of several matches is reported', async () => {
  const settings = {
    headerMatches: [
      { header: 'X-Spam-Flag', pattern: 'yes', action: 'discard' as const },
      { header: 'X-Spam-Level', pattern: '\\*{5}', action: 'reject' as const },
    ],
  };
  const hit = headerMatch.check(await contextFor(post(['X-Spam-Flag: YES', 'X-Spam-Level: ********']), { settings }));
  assert.equal(hit?.action, 'discard');
  assert.equal(hit?.details?.matched, 3);
});

test('header-match: miss, and invalid or catastrophic patterns never match nor throw', async () => {
  const settings = {
    headerMatches: [
      { header: 'Subject', pattern: '(unclosed', action: 'discard' as const },
      { header: 'Subject', pattern: '^(a+)+$', action: 'discard' as const },
      { header: 'Subject', pattern: '^(\\w+\\s?)*$', action: 'discard' as const },
      { header: 'Subject', pattern: 'lottery', action: 'discard' as const },
    ],
  };
  const ctx = await contextFor(post([`Subject: ${'a'.repeat(40)}!`]), { settings });
  assert.equal(headerMatch.check(ctx), null);
});
