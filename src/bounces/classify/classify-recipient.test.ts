// Reason and permanence of one failed recipient: the wording, the status code and the SMTP
// command each move the verdict, in the way that matters to a list (only a dead address is permanent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFailure } from './classify-recipient.ts';
import { findCommand } from './smtp-command.ts';
import { findStatus, findReplyCode, reasonOfStatus } from './status-codes.ts';

const verdict = (diagnostic: string, status?: string): [string, boolean | null] => {
  const c = classifyFailure({ diagnostic, ...(status ? { status } : {}) });
  return [c.reason, c.permanent];
};

test('a dead address is permanent', () => {
  assert.deepEqual(verdict('550 5.1.1 <a@example.org>: Recipient address rejected: User unknown in local recipient table'), ['user-unknown', true]);
  assert.deepEqual(verdict("550-5.1.1 The email account that you tried to reach does not exist."), ['user-unknown', true]);
  assert.deepEqual(verdict('Host or domain name not found. Name service error for name=example.invalid type=A: Host not found', '5.4.4'), ['host-unknown', true]);
  assert.deepEqual(verdict('', '5.1.6'), ['has-moved', true]);
});

test('a full, disabled or refusing mailbox is a failure that is not permanent', () => {
  assert.deepEqual(verdict('552 5.2.2 Mailbox full', '5.2.2'), ['mailbox-full', false]);
  assert.deepEqual(verdict('550 5.1.1 user over quota'), ['mailbox-full', false]);
  assert.deepEqual(verdict('550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org'), ['spam-blocked', false]);
  assert.deepEqual(verdict('550 5.7.26 Unauthenticated email is not accepted due to DMARC policy'), ['auth-failure', false]);
  assert.deepEqual(verdict('550 5.2.1 account disabled'), ['suspended', false]);
  assert.deepEqual(verdict('552 5.3.4 Message size exceeds fixed limit'), ['message-too-big', false]);
  assert.deepEqual(verdict('501 5.1.8 Sender address rejected: Domain not found'), ['sender-rejected', false]);
});

test('"unknown user" refused at DATA is a filter, unless the status insists on X.1.1', () => {
  assert.deepEqual(verdict('550 User unknown (in reply to end of DATA command)'), ['filtered', false]);
  assert.deepEqual(verdict('550 5.1.1 User unknown (in reply to end of DATA command)'), ['user-unknown', true]);
  assert.deepEqual(verdict('550 User unknown (in reply to RCPT TO command)'), ['user-unknown', true]);
});

test('a DNS failure with a 4.x.x status may yet succeed; a null MX is final only with 5.x.x', () => {
  assert.deepEqual(verdict('DNS Error: Domain name not found', '4.0.0'), ['network-error', false]);
  assert.deepEqual(verdict("The domain example.org doesn't receive email according to the administrator", '4.0.0'), ['not-accept', false]);
  assert.deepEqual(verdict('556 5.1.10 Recipient address has null MX'), ['not-accept', true]);
});

test('nothing recognisable: the status class decides, and without one nothing is known', () => {
  assert.deepEqual(verdict('554 something odd happened', '5.0.0'), ['other', true]);
  assert.deepEqual(verdict('something odd happened'), ['other', null]);
});

test('status codes, reply codes and commands are read out of text', () => {
  assert.equal(findStatus('host said: 550 5.1.1 <a@b.example>... User unknown'), '5.1.1');
  assert.equal(findStatus('version 10.5.1.12 build'), undefined);
  assert.equal(findReplyCode('said: 552-5.2.2 full'), '552');
  assert.equal(reasonOfStatus('5.7.1'), 'policy');
  assert.equal(reasonOfStatus('5.0.0'), undefined);
  assert.equal(findCommand('>>> RCPT To:<a@b.example>\n<<< 250 ok\n>>> DATA\n<<< 554 rejected'), 'DATA');
  assert.equal(findCommand('SMTP error from remote mail server after MAIL FROM:<x@y.example>'), 'MAIL');
});
