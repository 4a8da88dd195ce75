// Recognising addresses in report text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanAddress, findAddress } from './addresses.ts';

test('strips decoration and lower-cases the domain only', () => {
  assert.equal(cleanAddress('<User.Name@Example.ORG>'), 'User.Name@example.org');
  assert.equal(cleanAddress('rfc822;x@example.org'), 'x@example.org');
  assert.equal(cleanAddress('"x@example.org":'), 'x@example.org');
  assert.equal(cleanAddress('mailto:x@example.org.'), 'x@example.org');
  assert.equal(cleanAddress('x@[192.0.2.1]'), 'x@[192.0.2.1]');
});

test('rejects what is not an address', () => {
  for (const s of ['', '@example.org', 'x@', 'no at sign', 'a b@example.org', 'x@localhost', 'x@exa mple.org']) assert.equal(cleanAddress(s), null, s);
});

test('finds the address in a line, angle brackets first', () => {
  assert.equal(findAddress('550 5.1.1 <gone@example.org>... User unknown'), 'gone@example.org');
  assert.equal(findAddress('Delivery to gone@example.org failed'), 'gone@example.org');
  assert.equal(findAddress('nothing here'), null);
});
