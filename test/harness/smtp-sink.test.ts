// The test sink, spoken to over a raw loopback socket: scripted replies at MAIL, RCPT and after the
// data (once for SMTP, per recipient for LMTP), recorded transactions, counters, waitFor timeouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { startSmtpSink } from './smtp-sink.ts';

/** A minimal line client: sends one command, returns the complete reply (multi-line aware). */
class Dialog {
  private buf = '';
  private waiting: Array<(line: string) => void> = [];
  private lines: string[] = [];
  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buf += d;
      let i;
      while ((i = this.buf.indexOf('\r\n')) >= 0) {
        this.lines.push(this.buf.slice(0, i));
        this.buf = this.buf.slice(i + 2);
      }
      this.flush();
    });
  }
  static open(port: number): Promise<Dialog> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new Dialog(s)));
      s.once('error', reject);
    });
  }
  private flush(): void {
    while (this.waiting.length && this.lines.length) this.waiting.shift()?.(this.lines.shift() ?? '');
  }
  private line(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.flush();
    });
  }
  async reply(): Promise<string> {
    let all = '';
    for (;;) {
      const l = await this.line();
      all += (all ? '\n' : '') + l;
      if (l[3] !== '-') return all;
    }
  }
  async cmd(c: string): Promise<string> {
    this.socket.write(c + '\r\n');
    return this.reply();
  }
  close(): void {
    this.socket.end();
  }
}

test('SMTP: scripted RCPT and DATA replies, and the recorded transaction', async () => {
  const sink = await startSmtpSink({ rcpt: (r) => (r.startsWith('no') ? { code: 550, text: '5.1.1 Unknown user' } : 250), data: () => ({ code: 250, text: 'queued as T1' }) });
  const d = await Dialog.open(sink.port);
  try {
    assert.match(await d.reply(), /^220 /);
    const ehlo = await d.cmd('EHLO client.example.org');
    assert.match(ehlo, /PIPELINING/);
    assert.doesNotMatch(ehlo, /STARTTLS/);
    assert.match(await d.cmd('MAIL FROM:<s@example.org>'), /^250 /);
    assert.match(await d.cmd('RCPT TO:<yes@example.org>'), /^250 /);
    assert.equal(await d.cmd('RCPT TO:<no@example.org>'), '550 5.1.1 Unknown user');
    assert.match(await d.cmd('DATA'), /^354 /);
    assert.equal(await d.cmd('Subject: t\r\n\r\n..dot\r\n.'), '250 queued as T1');
    const [tx] = await sink.waitFor(1);
    assert.deepEqual(tx, { from: 's@example.org', secure: false, user: null, recipients: ['yes@example.org'], delivered: ['yes@example.org'], raw: Buffer.from('Subject: t\r\n\r\n.dot\r\n') });
    assert.deepEqual(sink.counts, { messages: 1, recipients: 1, bytes: tx?.raw.length, connections: 1 });
    assert.match(sink.url, /^smtp:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    d.close();
    await sink.close();
  }
});

test('SMTP: a scripted refusal of MAIL and of the data', async () => {
  const sink = await startSmtpSink({ mail: (f) => (f === 'bad@example.org' ? 553 : 250), data: () => 451 });
  const d = await Dialog.open(sink.port);
  try {
    await d.reply();
    await d.cmd('EHLO c');
    assert.match(await d.cmd('MAIL FROM:<bad@example.org>'), /^553 5\.0\.0 /);
    assert.match(await d.cmd('MAIL FROM:<ok@example.org>'), /^250 /);
    await d.cmd('RCPT TO:<a@example.org>');
    await d.cmd('DATA');
    assert.match(await d.cmd('x\r\n.'), /^451 4\.0\.0 /);
    const [tx] = await sink.waitFor(1);
    assert.deepEqual(tx?.delivered, []);
    assert.equal(sink.counts.messages, 0, 'a refused message is not counted');
  } finally {
    d.close();
    await sink.close();
  }
});

test('LMTP: one reply per accepted recipient after the data', async () => {
  const sink = await startSmtpSink({ lmtp: true, lmtpData: (r) => (r.startsWith('full') ? { code: 452, text: '4.2.2 Mailbox full' } : 250) });
  const d = await Dialog.open(sink.port);
  try {
    assert.match(await d.reply(), /^220 .*LMTP/);
    assert.match(await d.cmd('LHLO c'), /^250/);
    await d.cmd('MAIL FROM:<s@example.org>');
    await d.cmd('RCPT TO:<a@example.org>');
    await d.cmd('RCPT TO:<full@example.org>');
    await d.cmd('DATA');
    assert.match(await d.cmd('body\r\n.'), /^250 /);
    assert.equal(await d.reply(), '452 4.2.2 Mailbox full');
    const [tx] = await sink.waitFor(1);
    assert.deepEqual(tx?.delivered, ['a@example.org']);
    assert.equal(sink.counts.recipients, 1);
  } finally {
    d.close();
    await sink.close();
  }
});

test('keep: false counts without recording; waitFor rejects after its timeout', async () => {
  const sink = await startSmtpSink({ keep: false });
  const d = await Dialog.open(sink.port);
  try {
    await d.reply();
    await d.cmd('EHLO c');
    await d.cmd('MAIL FROM:<>');
    await d.cmd('RCPT TO:<a@example.org>');
    await d.cmd('DATA');
    await d.cmd('abc\r\n.');
    await assert.rejects(sink.waitFor(2, 50), /1 of 2 transactions after 50 ms/);
    assert.equal(sink.transactions.length, 0);
    assert.deepEqual(sink.counts, { messages: 1, recipients: 1, bytes: 5, connections: 1 });
  } finally {
    d.close();
    await sink.close();
  }
});
