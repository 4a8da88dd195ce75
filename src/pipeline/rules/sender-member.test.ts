import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSenderMember, isModeratorSender } from './sender-member.ts';
import { testMember } from './fixtures/make-context.ts';

const roster = [
  testMember('Anne@Example.com', { id: 1 }),
  testMember('bob@example.net', { id: 2 }),
  testMember('owner@example.org', { id: 3, role: 'owner' }),
  testMember('mod@example.org', { id: 4, role: 'moderator' }),
];

test('findSenderMember takes the first sender that is a member, case-insensitively', () => {
  assert.equal(findSenderMember(['stranger@x.org', 'bob@example.net', 'anne@example.com'], roster)?.id, 2);
  assert.equal(findSenderMember(['ANNE@example.com'], roster)?.id, 1);
});

test('findSenderMember ignores owner and moderator records', () => {
  assert.equal(findSenderMember(['owner@example.org', 'mod@example.org'], roster), null);
});

test('isModeratorSender: owners and moderators, not members', () => {
  assert.equal(isModeratorSender(['Mod@example.org'], roster), true);
  assert.equal(isModeratorSender(['owner@example.org'], roster), true);
  assert.equal(isModeratorSender(['anne@example.com'], roster), false);
});
