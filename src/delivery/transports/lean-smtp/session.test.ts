// The lean client against servers that misbehave in the ways real ones do (scripted over loopback):
// no EHLO, refusal at greeting, a hang-up or silence after the data, 354 with no recipients,
// garbage, and per-recipient precision when the data is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { startSmtpSink } from '../../../../test/harness/smtp-sink.ts';
import { createLeanSmtpTransport } from './index.ts';
import type { LeanSmtpOptions } from './index.ts';

/** What the scripted server does with a command: reply with text, hang up, or say nothing. */
type Step = string | { close: true } | { silent: true };
type Script = (command: string, state: { connection: number }) => Step;

async function scriptedServer(script: Script, greeting = '220 scripted ESMTP') {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    const state = { connection: ++connections };
    let buf = '';
    let inData = false;
    const act = (cmd: string): void => {
      const step = script(cmd, state);
      if (typeof step === 'string') {
        sock.write(step + '\r\n');
        if (cmd === 'DATA' && step.startsWith('354')) inData = true;
      } else if ('close' in step) sock.destroy();
    };
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          const bare = buf.startsWith('.\r\n') ? 0 : -1;
          if (end < 0 && bare < 0) return;
          buf = bare === 0 ? buf.slice(3) : buf.slice(end + 5);
          inData = false;
          act('.');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        act(line);
      }
    });
    if (greeting) sock.write(greeting + '\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A plain, well-behaved server reply for everything not scripted otherwise. */
function normal(cmd: string): Step {
  if (cmd.startsWith('EHLO') || cmd.startsWith('LHLO')) return '250-scripted\r\n250 PIPELINING';
  if (cmd === 'DATA') return '354 go ahead';
  if (cmd === 'QUIT') return '221 bye';
  return '250 ok';
}

const MSG = Buffer.from('Subject: t\r\n\r\nhello\r\n');

async function sendVia(script: Script, extra: Partial<LeanSmtpOptions> = {}, to = ['a@example.org'], greeting?: string) {
  const server = await scriptedServer(script, greeting);
  const t = createLeanSmtpTransport({ host: '127.0.0.1', port: server.port, name: 'client.test', ...extra });
  try {
    const first = await t.send({ from: 's@example.org', to }, MSG);
    const second = await t.send({ from: 's@example.org', to }, MSG);
    return { first: first.outcomes, second: second.outcomes, connections: server.connections };
  } finally {
    await t.close();
    await server.close();
  }
}

test('a server that refuses EHLO is spoken to with HELO, one command at a time', async () => {
  const seen: string[] = [];
  const { first } = await sendVia((cmd) => {
    seen.push(cmd.split(' ')[0] ?? '');
    if (cmd.startsWith('EHLO')) return '502 5.5.2 Command not recognized';
    if (cmd.startsWith('HELO')) return '250 hi';
    return normal(cmd);
  });
  assert.equal(first[0]?.status, 'delivered');
  assert.deepEqual(seen.slice(0, 6), ['EHLO', 'HELO', 'MAIL', 'RCPT', 'DATA', '.']);
});

test('a refusal at the greeting defers every recipient with its code', async () => {
  const { first } = await sendVia(normal, {}, ['a@example.org', 'b@example.org'], '554 5.3.2 No service for you');
  assert.deepEqual(first.map((o) => [o.status, o.code, o.enhanced]), [['deferred', 554, '5.3.2'], ['deferred', 554, '5.3.2']]);
});

test('a hang-up after the data defers, saying the message may have been delivered', async () => {
  const { first, second } = await sendVia((cmd, s) => (cmd === '.' && s.connection === 1 ? { close: true } : normal(cmd)));
  assert.equal(first[0]?.status, 'deferred');
  assert.equal(first[0]?.code, null);
  assert.match(first[0]?.response ?? '', /may have been delivered/);
  assert.equal(second[0]?.status, 'delivered', 'a fresh session carries the next send');
});

test('silence after the data ends in a timeout and a deferral', async () => {
  const { first } = await sendVia((cmd) => (cmd === '.' ? { silent: true } : normal(cmd)), { socketTimeoutMs: 150 });
  assert.equal(first[0]?.status, 'deferred');
  assert.match(first[0]?.response ?? '', /timed out/);
});

test('354 after every recipient was refused: the empty message is ended and the session kept', async () => {
  const { first, second, connections } = await sendVia((cmd) => (cmd.startsWith('RCPT') ? '550 5.1.1 no' : normal(cmd)));
  assert.deepEqual([first[0]?.status, second[0]?.status], ['failed', 'failed']);
  assert.equal(connections, 1);
});

test('garbage from the server defers the transaction', async () => {
  const { first } = await sendVia((cmd) => (cmd.startsWith('MAIL') ? 'what is this' : normal(cmd)));
  assert.equal(first[0]?.status, 'deferred');
  assert.match(first[0]?.response ?? '', /not an SMTP reply/);
});

test('when the data is refused, recipients refused at RCPT keep their own reply', async () => {
  const sink = await startSmtpSink({ rcpt: (r) => (r.startsWith('gone') ? { code: 550, text: '5.1.1 No such user' } : 250), data: () => 451 });
  const t = createLeanSmtpTransport({ host: '127.0.0.1', port: sink.port });
  try {
    const { outcomes } = await t.send({ from: 's@example.org', to: ['ok@example.org', 'gone@example.org'] }, MSG);
    assert.deepEqual(outcomes.map((o) => [o.recipient, o.status, o.code]), [
      ['ok@example.org', 'deferred', 451],
      ['gone@example.org', 'failed', 550],
    ]);
  } finally {
    await t.close();
    await sink.close();
  }
});
