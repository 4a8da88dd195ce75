import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMailbox, parseAddressList } from './address-list.ts';

test('parses mailboxes, quoted names, comments and groups', () => {
  assert.deepEqual(parseAddressList('"Doe, Jane" <jane@example.org>, bob@example.net (Bob)'), [
    { name: 'Doe, Jane', address: 'jane@example.org' },
    { name: 'Bob', address: 'bob@example.net' },
  ]);
  assert.deepEqual(parseAddressList('team: a@x.org, b@y.org;'), [
    { name: '', address: 'a@x.org' },
    { name: '', address: 'b@y.org' },
  ]);
});

test('decodes encoded words in display names', () => {
  assert.deepEqual(parseAddressList('=?ISO-8859-1?Q?Andr=E9?= <andre@example.org>'), [{ name: 'André', address: 'andre@example.org' }]);
});

test('formats a mailbox with quoting or encoding as needed', () => {
  assert.equal(formatMailbox({ name: '', address: 'a@b.org' }), 'a@b.org');
  assert.equal(formatMailbox({ name: 'Doe, Jane', address: 'j@b.org' }), '"Doe, Jane" <j@b.org>');
  const encoded = formatMailbox({ name: 'Zoë', address: 'z@b.org' });
  assert.deepEqual(parseAddressList(encoded), [{ name: 'Zoë', address: 'z@b.org' }]);
});
