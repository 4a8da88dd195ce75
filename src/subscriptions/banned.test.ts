// Ban list matching: plain addresses without case, ^regexes, and unsafe patterns that never match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import { isBanned } from './banned.ts';
import { T0 } from './fixtures/kit.ts';

const withBans = (bannedAddresses: string[]): MailingList => ({
  id: 1, name: 'l', domain: 'x.org', address: 'l@x.org', settings: { ...defaultListSettings(), bannedAddresses }, createdAt: T0,
});

test('plain entries compare without case; regex entries start with ^', () => {
  const l = withBans(['Troll@Example.com', '^.*@spam\\.example$', '  ']);
  assert.equal(isBanned(l, 'troll@example.COM'), true);
  assert.equal(isBanned(l, 'troll2@example.com'), false);
  assert.equal(isBanned(l, 'anyone@SPAM.example'), true);
  assert.equal(isBanned(l, 'anyone@spam.example.org'), false);
});

test('invalid or catastrophic patterns never match and never throw', () => {
  const l = withBans(['^(unclosed', '^(a+)+$', '^(\\w*x?)*@']);
  assert.equal(isBanned(l, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), false);
  assert.equal(isBanned(l, '(unclosed@example.com'), false);
});
