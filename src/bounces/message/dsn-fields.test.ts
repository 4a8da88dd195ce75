// RFC 3464 field groups as real reports write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDsn, dsnAddress } from './dsn-fields.ts';

test('per-message group, then one group per recipient; Original-Recipient preferred', () => {
  const report = parseDsn([
    'Reporting-MTA: dns; mx.example.org',
    '',
    'Original-Recipient: rfc822;Member@Example.org',
    'Final-Recipient: rfc822; member@mail.example.org',
    'Action: failed',
    'Status: 5.1.1 (bad destination mailbox)',
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    '',
    'Final-Recipient: rfc822; other@example.org',
    'Action: delayed',
    'Status: 4.4.1',
  ].join('\n'));
  assert.equal(report?.reportingMta, 'dns; mx.example.org');
  assert.deepEqual(report?.recipients.map((r) => [r.address, r.action, r.status]), [
    ['Member@Example.org', 'failed', '5.1.1'],
    ['other@example.org', 'delayed', '4.4.1'],
  ]);
});

test('recipients run together without blank lines, reply lines not indented', () => {
  const report = parseDsn([
    'Action: failed',
    'Final-Recipient: rfc822; a@example.org',
    'Original-Recipient: rfc822; a@example.org',
    'Diagnostic-Code: smtp; 550-first line',
    '550 second line',
    'Status: 5.0.0',
    'Final-Recipient: rfc822; b@example.org',
    'Action: failed',
    'Status: 5.2.2',
  ].join('\n'));
  assert.deepEqual(report?.recipients.map((r) => [r.address, r.status, r.diagnostic]), [
    ['a@example.org', '5.0.0', 'smtp; 550-first line 550 second line'],
    ['b@example.org', '5.2.2', null],
  ]);
});

test('address fields: types, angle brackets, and what is not an address', () => {
  assert.equal(dsnAddress('rfc822; <user@example.org>'), 'user@example.org');
  assert.equal(dsnAddress('<user@example.org>'), 'user@example.org');
  assert.equal(dsnAddress('x400; c=us;a=;p=x'), null);
  assert.equal(parseDsn('just prose, no fields'), null);
});
