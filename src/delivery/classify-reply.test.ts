// Reply classification: the plain codes, enhanced-code precedence, and the odd servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyReply, classifyResponse, parseReply } from './classify-reply.ts';

test('parseReply reads code, enhanced code and text from a single line', () => {
  assert.deepEqual(parseReply('550 5.1.1 <x@example.org>: Recipient address rejected'), {
    code: 550,
    enhanced: '5.1.1',
    text: '<x@example.org>: Recipient address rejected',
  });
  assert.deepEqual(parseReply('250 Ok'), { code: 250, enhanced: null, text: 'Ok' });
  assert.deepEqual(parseReply('354'), { code: 354, enhanced: null, text: '' });
});

test('parseReply joins multi-line replies and takes the enhanced code from the first line', () => {
  const r = parseReply('452-4.2.2 The email account that you tried to reach is over quota.\r\n452 4.2.2 Please retry later.');
  assert.equal(r.code, 452);
  assert.equal(r.enhanced, '4.2.2');
  assert.equal(r.text, 'The email account that you tried to reach is over quota. Please retry later.');
});

test('parseReply ignores malformed enhanced codes and non-replies', () => {
  assert.equal(parseReply('550 6.1.1 odd').enhanced, null);
  assert.equal(parseReply('550 5.1 short').enhanced, null);
  assert.deepEqual(parseReply('Connection refused'), { code: null, enhanced: null, text: 'Connection refused' });
});

const cls = (line: string, stage?: Parameters<typeof classifyReply>[1]) => classifyReply(parseReply(line), stage);

test('2xx is delivered, 4xx deferred, 5xx failed', () => {
  assert.equal(cls('250 2.0.0 Ok: queued as 4F1A2'), 'delivered');
  assert.equal(cls('251 User not local; will forward'), 'delivered');
  assert.equal(cls('450 Mailbox unavailable'), 'deferred');
  assert.equal(cls('421 Service not available, closing channel'), 'deferred');
  assert.equal(cls('451 4.3.0 Local error in processing'), 'deferred');
  assert.equal(cls('550 No such user'), 'failed');
  assert.equal(cls('554 5.7.1 Message rejected as spam'), 'failed');
});

test('no reply at all is deferred', () => {
  assert.equal(classifyReply({ code: null, enhanced: null, text: 'connect ECONNREFUSED 127.0.0.1:25' }), 'deferred');
});

test('the enhanced code takes precedence over the basic code', () => {
  // greylisting sent with a permanent basic code
  assert.equal(cls('550 4.7.1 Greylisted, please try again later'), 'deferred');
  // a permanent condition sent with a transient basic code
  assert.equal(cls('450 5.1.1 User unknown'), 'failed');
  // a 2.x.x enhanced code on a refusal is self-contradictory: the basic code decides
  assert.equal(cls('550 2.0.0 odd'), 'failed');
  assert.equal(cls('450 2.0.0 odd'), 'deferred');
});

test('452 too many recipients is deferred', () => {
  assert.equal(cls('452 4.5.3 Error: too many recipients', 'rcpt'), 'deferred');
  assert.equal(cls('452 Too many recipients', 'rcpt'), 'deferred');
});

test('5.5.3 too many recipients is deferred whatever the basic code (RFC 3463 §3.6)', () => {
  assert.equal(cls('550 5.5.3 Too many recipients', 'rcpt'), 'deferred');
});

test('552 at RCPT means 452 (RFC 5321 §4.5.3.1.10) and is deferred; 552 after DATA is not', () => {
  assert.equal(cls('552 Too many recipients', 'rcpt'), 'deferred');
  assert.equal(cls('552 Message size exceeds fixed maximum message size', 'message'), 'failed');
  assert.equal(cls('552 5.3.4 Message too big for system', 'message'), 'failed');
});

test('mailbox full (x.2.2) is deferred even with a permanent code', () => {
  assert.equal(cls('552 5.2.2 Mailbox full', 'message'), 'deferred');
  assert.equal(cls('452 4.2.2 Over quota', 'rcpt'), 'deferred');
});

test('a reply of the wrong class for a final answer is deferred', () => {
  assert.equal(cls('354 End data with <CR><LF>.<CR><LF>', 'message'), 'deferred');
  assert.equal(cls('199 what'), 'deferred');
});

test('classifyResponse carries code and enhanced code along', () => {
  assert.deepEqual(classifyResponse('550 5.1.1 nope', 'rcpt'), { status: 'failed', code: 550, enhanced: '5.1.1' });
  assert.deepEqual(classifyResponse('garbage'), { status: 'deferred', code: null, enhanced: null });
});
