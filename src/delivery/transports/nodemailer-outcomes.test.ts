// How nodemailer's results and errors (in the shapes nodemailer 10 gives them) become outcomes:
// per-recipient refusals, whole-transaction refusals by stage, and failures with no reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomesOf } from './nodemailer-outcomes.ts';
import type { SmtpError } from './nodemailer-outcomes.ts';

const err = (fields: Partial<SmtpError> & { message?: string }): SmtpError => Object.assign(new Error(fields.message ?? 'x'), fields);
const rows = (m: Map<string, { status: string; code: number | null }>) => [...m].map(([r, o]) => [r, o.status, o.code]);

test('accepted and rejected recipients of a sent message', () => {
  const info = {
    accepted: ['a@x.org'],
    rejected: ['b@x.org'],
    rejectedErrors: [err({ recipient: 'b@x.org', response: '550 5.1.1 unknown', responseCode: 550, command: 'RCPT TO' })],
    response: '250 2.0.0 queued',
    envelopeTime: 0,
    messageTime: 0,
    messageSize: 0,
  };
  assert.deepEqual(rows(outcomesOf(['a@x.org', 'b@x.org'], { ok: true, info })), [
    ['b@x.org', 'failed', 550],
    ['a@x.org', 'delivered', 250],
  ]);
});

test('every recipient refused at RCPT: each keeps its own reply; 552 at RCPT is deferred', () => {
  const e = err({
    code: 'EENVELOPE',
    command: 'RCPT TO',
    response: '452 too many',
    rejectedErrors: [
      err({ recipient: 'a@x.org', response: '450 4.2.1 later', command: 'RCPT TO' }),
      err({ recipient: 'b@x.org', response: '552 too many recipients', command: 'RCPT TO' }),
    ],
  });
  assert.deepEqual(rows(outcomesOf(['a@x.org', 'b@x.org'], { ok: false, err: e })), [
    ['a@x.org', 'deferred', 450],
    ['b@x.org', 'deferred', 552],
  ]);
});

test('a refusal after the data applies to every recipient by its class', () => {
  const hard = err({ code: 'EMESSAGE', command: 'DATA', response: '554 5.6.0 rejected' });
  assert.deepEqual(rows(outcomesOf(['a@x.org'], { ok: false, err: hard })), [['a@x.org', 'failed', 554]]);
  // 552 after the data is a size refusal, not the RCPT misuse
  const size = err({ code: 'EMESSAGE', command: 'DATA', response: '552 message too large' });
  assert.deepEqual(rows(outcomesOf(['a@x.org'], { ok: false, err: size })), [['a@x.org', 'failed', 552]]);
});

test('a refusal while setting up the session is deferred whatever its code', () => {
  const auth = err({ code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 bad credentials' });
  assert.deepEqual(rows(outcomesOf(['a@x.org'], { ok: false, err: auth })), [['a@x.org', 'deferred', 535]]);
});

test('no reply at all (refused, reset, timeout) is deferred with the error text', () => {
  const refused = err({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' });
  assert.deepEqual(outcomesOf(['a@x.org'], { ok: false, err: refused }).get('a@x.org'), { recipient: 'a@x.org', status: 'deferred', code: null, enhanced: null, response: 'connect ECONNREFUSED 127.0.0.1:25' });
});
