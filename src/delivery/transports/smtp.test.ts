// The shared suite for both SMTP/LMTP clients (nodemailer's and the lean one), over real loopback
// sessions against the in-process sink: accepted, deferred, failed, mixed recipients, refusals at
// each stage, LMTP per-recipient replies, pooling, connection refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSmtpSink } from '../../../test/harness/smtp-sink.ts';
import type { SmtpSinkOptions } from '../../../test/harness/smtp-sink.ts';
import { openTransport } from './index.ts';
import type { Transport } from './types.ts';

const MSG = Buffer.from('From: list@example.org\r\nTo: list@example.org\r\nSubject: hello\r\n\r\nBody line\r\n');
const FROM = 'list-bounces+x@example.org';

const byLocal = (addr: string): number => Number(/^(\d{3})/.exec(addr)?.[1] ?? 250);

const VARIANTS = [
  { client: 'nodemailer', pipelining: true },
  { client: 'lean', pipelining: true },
  { client: 'nodemailer', pipelining: false },
  { client: 'lean', pipelining: false },
] as const;

for (const { client, pipelining } of VARIANTS) describe(`${client} client, server ${pipelining ? 'with' : 'without'} PIPELINING`, () => {
  async function withSink(opts: SmtpSinkOptions, run: (t: Transport, sink: Awaited<ReturnType<typeof startSmtpSink>>) => Promise<void>, query = '') {
    const sink = await startSmtpSink({ ...opts, pipelining });
    const transport = openTransport(`${sink.url}?client=${client}${query}`);
    try {
      await run(transport, sink);
    } finally {
      await transport.close();
      await sink.close();
    }
  }

  test('an accepted recipient is delivered, and the sink receives the exact message', async () => {
    await withSink({}, async (t, sink) => {
      const { outcomes } = await t.send({ from: FROM, to: ['alice@example.org'] }, MSG);
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0]?.recipient, 'alice@example.org');
      assert.equal(outcomes[0]?.status, 'delivered');
      assert.equal(outcomes[0]?.code, 250);
      const [tx] = await sink.waitFor(1);
      assert.equal(tx?.from, FROM);
      assert.deepEqual(tx?.recipients, ['alice@example.org']);
      assert.deepEqual(tx?.raw, MSG);
    });
  });

  test('450 at RCPT is deferred and 550 failed, with the enhanced code kept', async () => {
    const rcpt = (r: string) => (r.startsWith('soft') ? { code: 450, text: '4.2.1 Try later' } : { code: 550, text: '5.1.1 No such user' });
    await withSink({ rcpt }, async (t, sink) => {
      const soft = await t.send({ from: FROM, to: ['soft@example.org'] }, MSG);
      assert.deepEqual(soft.outcomes[0], { recipient: 'soft@example.org', status: 'deferred', code: 450, enhanced: '4.2.1', response: '450 4.2.1 Try later' });
      const hard = await t.send({ from: FROM, to: ['hard@example.org'] }, MSG);
      assert.deepEqual(hard.outcomes[0], { recipient: 'hard@example.org', status: 'failed', code: 550, enhanced: '5.1.1', response: '550 5.1.1 No such user' });
      assert.equal(sink.transactions.length, 0, 'no transaction reached DATA');
    });
  });

  test('mixed recipients in one transaction each get their own outcome', async () => {
    await withSink({ rcpt: (r) => byLocal(r) }, async (t, sink) => {
      const to = ['250a@example.org', '450b@example.org', '550c@example.org', '250d@example.org'];
      const { outcomes } = await t.send({ from: FROM, to }, MSG);
      assert.deepEqual(outcomes.map((o) => [o.recipient, o.status, o.code]), [
        ['250a@example.org', 'delivered', 250],
        ['450b@example.org', 'deferred', 450],
        ['550c@example.org', 'failed', 550],
        ['250d@example.org', 'delivered', 250],
      ]);
      const txs = await sink.waitFor(1);
      assert.equal(txs.length, 1);
      assert.deepEqual(txs[0]?.recipients, ['250a@example.org', '250d@example.org']);
    });
  });

  test('a refused sender applies to every recipient: 5xx failed, 4xx deferred', async () => {
    await withSink({ mail: (f) => (f.startsWith('temp') ? 451 : { code: 553, text: '5.7.1 Sender not allowed' }) }, async (t) => {
      const hard = await t.send({ from: 'nope@example.org', to: ['a@example.org', 'b@example.org'] }, MSG);
      assert.deepEqual(hard.outcomes.map((o) => [o.status, o.code, o.enhanced]), [['failed', 553, '5.7.1'], ['failed', 553, '5.7.1']]);
      const soft = await t.send({ from: 'temp@example.org', to: ['a@example.org', 'b@example.org'] }, MSG);
      assert.deepEqual(soft.outcomes.map((o) => [o.status, o.code]), [['deferred', 451], ['deferred', 451]]);
    });
  });

  test('a refusal after the data applies to every accepted recipient, and the session stays usable', async () => {
    let next = 554;
    await withSink({ data: () => next }, async (t, sink) => {
      const hard = await t.send({ from: FROM, to: ['a@example.org', 'b@example.org'] }, MSG);
      assert.deepEqual(hard.outcomes.map((o) => [o.status, o.code]), [['failed', 554], ['failed', 554]]);
      next = 451;
      const soft = await t.send({ from: FROM, to: ['a@example.org'] }, MSG);
      assert.deepEqual(soft.outcomes.map((o) => [o.status, o.code]), [['deferred', 451]]);
      next = 250;
      const ok = await t.send({ from: FROM, to: ['a@example.org'] }, MSG);
      assert.equal(ok.outcomes[0]?.status, 'delivered');
      assert.equal(sink.counts.connections, 1);
    });
  });

  test('connection refused defers every recipient with no code', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const t = openTransport(`smtp://127.0.0.1:${port}?client=${client}`);
    const { outcomes } = await t.send({ from: FROM, to: ['a@example.org', 'b@example.org'] }, MSG);
    await t.close();
    assert.equal(outcomes.length, 2);
    for (const o of outcomes) {
      assert.equal(o.status, 'deferred');
      assert.equal(o.code, null);
      assert.match(o.response, /ECONNREFUSED|refused/i);
    }
  });

  test('452 past the server recipient limit defers the surplus only', async () => {
    await withSink({ maxRecipients: 2 }, async (t, sink) => {
      const { outcomes } = await t.send({ from: FROM, to: ['a@example.org', 'b@example.org', 'c@example.org'] }, MSG);
      assert.deepEqual(outcomes.map((o) => [o.status, o.code]), [['delivered', 250], ['delivered', 250], ['deferred', 452]]);
      assert.deepEqual((await sink.waitFor(1))[0]?.recipients, ['a@example.org', 'b@example.org']);
    });
  });

  test('LMTP gives each recipient its own reply after the data', async () => {
    await withSink({ lmtp: true, rcpt: (r) => (r.startsWith('550r') ? 550 : 250), lmtpData: (r) => byLocal(r) }, async (t, sink) => {
      const to = ['250a@example.org', '452b@example.org', '552c@example.org', '550r@example.org', '250e@example.org'];
      const { outcomes } = await t.send({ from: FROM, to }, MSG);
      assert.deepEqual(outcomes.map((o) => [o.recipient, o.status, o.code]), [
        ['250a@example.org', 'delivered', 250],
        ['452b@example.org', 'deferred', 452],
        ['552c@example.org', 'failed', 552],
        ['550r@example.org', 'failed', 550],
        ['250e@example.org', 'delivered', 250],
      ]);
      const [tx] = await sink.waitFor(1);
      assert.deepEqual(tx?.delivered, ['250a@example.org', '250e@example.org']);
    });
  });

  test('LMTP with every recipient refused after the data', async () => {
    await withSink({ lmtp: true, lmtpData: () => ({ code: 451, text: '4.3.0 Mailbox busy' }) }, async (t) => {
      const { outcomes } = await t.send({ from: FROM, to: ['a@example.org', 'b@example.org'] }, MSG);
      assert.deepEqual(outcomes.map((o) => [o.status, o.code, o.enhanced]), [['deferred', 451, '4.3.0'], ['deferred', 451, '4.3.0']]);
    });
  });

  test('LF line ends and leading dots arrive as CRLF with the dot intact', async () => {
    await withSink({}, async (t, sink) => {
      const lf = Buffer.from('Subject: dots\n\n.leading dot\n..two\n.\nend\n');
      await t.send({ from: FROM, to: ['a@example.org'] }, lf);
      const [tx] = await sink.waitFor(1);
      assert.equal(tx?.raw.toString(), 'Subject: dots\r\n\r\n.leading dot\r\n..two\r\n.\r\nend\r\n');
    });
  });

  test('unusable addresses fail without being sent, duplicates share one outcome', async () => {
    await withSink({}, async (t, sink) => {
      const to = ['a@example.org', 'evil>\r\nRSET@example.org', 'a@example.org', 'no-at-sign'];
      const { outcomes } = await t.send({ from: FROM, to }, MSG);
      assert.deepEqual(outcomes.map((o) => [o.recipient, o.status]), [
        ['a@example.org', 'delivered'],
        ['evil>\r\nRSET@example.org', 'failed'],
        ['a@example.org', 'delivered'],
        ['no-at-sign', 'failed'],
      ]);
      assert.deepEqual((await sink.waitFor(1))[0]?.recipients, ['a@example.org']);
    });
  });

  test('the pool reuses sessions: 30 sends over at most 2 connections', async () => {
    await withSink({}, async (t, sink) => {
      const sends = Array.from({ length: 30 }, (_, i) => t.send({ from: FROM, to: [`u${i}@example.org`] }, MSG));
      const results = await Promise.all(sends);
      assert.ok(results.every((r) => r.outcomes[0]?.status === 'delivered'));
      assert.equal(sink.counts.messages, 30);
      assert.ok(sink.counts.connections <= 2, `${sink.counts.connections} connections`);
    }, '&maxConnections=2');
  });

  test('a bulk send of 500 recipients goes in one transaction', async () => {
    await withSink({ keep: true }, async (t, sink) => {
      const to = Array.from({ length: 500 }, (_, i) => `member${i}@example.org`);
      const { outcomes } = await t.send({ from: FROM, to }, MSG);
      assert.equal(outcomes.filter((o) => o.status === 'delivered').length, 500);
      const txs = await sink.waitFor(1);
      assert.equal(txs.length, 1);
      assert.equal(txs[0]?.recipients.length, 500);
    });
  });

  test('after close, sends are deferred without a connection', async () => {
    await withSink({}, async (t, sink) => {
      await t.close();
      const { outcomes } = await t.send({ from: FROM, to: ['a@example.org'] }, MSG);
      assert.equal(outcomes[0]?.status, 'deferred');
      assert.match(outcomes[0]?.response ?? '', /closed/);
      assert.equal(sink.counts.connections, 0);
    });
  });

  test('a session the server closed while idle is replaced, not used', async () => {
    await withSink({}, async (t, sink) => {
      assert.equal((await t.send({ from: FROM, to: ['a@example.org'] }, MSG)).outcomes[0]?.status, 'delivered');
      sink.dropConnections();
      assert.equal((await t.send({ from: FROM, to: ['b@example.org'] }, MSG)).outcomes[0]?.status, 'delivered');
      assert.equal(sink.counts.connections, 2);
    });
  });
});

describe('TLS and AUTH (nodemailer client)', () => {
  const auth = { user: 'list', pass: 's3cret/!' };
  const url = (port: number, pass: string) => `smtp://${auth.user}:${encodeURIComponent(pass)}@127.0.0.1:${port}?tls=starttls`;
  // smtp-server's built-in certificate is self-signed: trusted here and nowhere else.
  const insecure = { smtp: { tlsOptions: { rejectUnauthorized: false } } };

  test('STARTTLS then AUTH, when the URL asks for them', async () => {
    const sink = await startSmtpSink({ starttls: true, auth });
    const t = openTransport(url(sink.port, auth.pass), insecure);
    try {
      const { outcomes } = await t.send({ from: FROM, to: ['a@example.org'] }, MSG);
      assert.equal(outcomes[0]?.status, 'delivered');
      const [tx] = await sink.waitFor(1);
      assert.equal(tx?.secure, true);
      assert.equal(tx?.user, 'list');
    } finally {
      await t.close();
      await sink.close();
    }
  });

  test('wrong credentials defer (a relay misconfiguration is not the recipients\' fault)', async () => {
    const sink = await startSmtpSink({ starttls: true, auth });
    const t = openTransport(url(sink.port, 'wrong'), insecure);
    try {
      const { outcomes } = await t.send({ from: FROM, to: ['a@example.org'] }, MSG);
      assert.deepEqual([outcomes[0]?.status, outcomes[0]?.code], ['deferred', 535]);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  for (const client of ['lean', 'nodemailer']) {
    test(`without tls= the ${client} client stays in plaintext even when STARTTLS is offered`, async () => {
      const sink = await startSmtpSink({ starttls: true });
      const t = openTransport(`${sink.url}?client=${client}`);
      try {
        assert.equal((await t.send({ from: FROM, to: ['a@example.org'] }, MSG)).outcomes[0]?.status, 'delivered');
        assert.equal((await sink.waitFor(1))[0]?.secure, false);
      } finally {
        await t.close();
        await sink.close();
      }
    });
  }
});
