// One SMTP or LMTP session to the MTA, written for throughput: the whole envelope and DATA go out in
// one write when the server offers PIPELINING (RFC 2920), the message in one more, and each
// recipient's fate is read off the replies in order.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { ReplyReader } from './reply-reader.ts';
import { wireData } from './wire-data.ts';
import { fromReply, noReply } from '../outcomes.ts';
import type { PooledSession } from '../connection-pool.ts';
import type { RecipientOutcome } from '../types.ts';

export interface LeanSessionOptions {
  host: string;
  port: number;
  lmtp: boolean;
  /** Name sent with EHLO/LHLO. */
  name: string;
  connectTimeoutMs: number;
  socketTimeoutMs: number;
}

/** The session could not be set up; `response` is the server's refusal when there was one. */
export class SessionSetupError extends Error {
  constructor(
    message: string,
    readonly response: string | null,
  ) {
    super(message);
    this.name = 'SessionSetupError';
  }
}

export interface TransactionResult {
  outcomes: Map<string, RecipientOutcome>;
  /**
   * False when the session was already gone as this transaction started: no reply at all, or 421
   * (closing, RFC 5321 §3.8) to its first command. Nothing of the message was sent then.
   */
  began: boolean;
}

type Reply = string | null;
const ok = (r: Reply): r is string => r !== null && r.charCodeAt(0) === 50; // '2'
const isNonAscii = (s: string): boolean => /[^\x00-\x7f]/.test(s);

export class LeanSession implements PooledSession {
  private readonly reader: ReplyReader;
  /** Batches of expected replies, oldest first; replies arrive in command order (RFC 2920 §3.1). */
  private readonly waiting: Array<{ need: number; got: Reply[]; done: (replies: Reply[]) => void }> = [];
  private broken: Error | null = null;
  /** A transaction was left open (refused, cut short): RSET before the next one. */
  private dirty = false;
  private pipelining = false;
  private eightBitMime = false;
  private smtpUtf8 = false;
  private sizeAdvertised = false;

  private constructor(
    private readonly socket: Socket,
    private readonly lmtp: boolean,
  ) {
    this.reader = new ReplyReader((r) => {
      const batch = this.waiting[0];
      // A reply nobody asked for is a server giving up on us (421 on idle timeout, RFC 5321 §3.8).
      if (!batch) this.fail(new Error(`unsolicited reply: ${r}`));
      else if (batch.got.push(r) === batch.need) {
        this.waiting.shift();
        batch.done(batch.got);
      }
      if (r.startsWith('421')) this.fail(new Error(`server closing: ${r}`));
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
    socket.on('timeout', () => this.fail(new Error('timed out waiting for the server')));
  }

  get usable(): boolean {
    return this.broken === null;
  }

  static async open(opts: LeanSessionOptions): Promise<LeanSession> {
    const socket = connect({ host: opts.host, port: opts.port });
    socket.setNoDelay(true);
    const session = new LeanSession(socket, opts.lmtp);
    const timer = setTimeout(() => session.fail(new Error(`no greeting within ${opts.connectTimeoutMs} ms`)), opts.connectTimeoutMs);
    try {
      const [greeting = null] = await session.replies(1);
      if (greeting === null) throw session.setupError('connect');
      if (!greeting.startsWith('220')) throw new SessionSetupError(`refused at greeting: ${greeting}`, greeting);
      let hello = await session.command(`${opts.lmtp ? 'LHLO' : 'EHLO'} ${opts.name}`);
      // RFC 5321 §4.1.1.1: a server that does not know EHLO may still speak HELO (no extensions).
      if (!opts.lmtp && hello !== null && !ok(hello)) hello = await session.command(`HELO ${opts.name}`);
      if (hello === null) throw session.setupError('hello');
      if (!ok(hello)) throw new SessionSetupError(`refused at ${opts.lmtp ? 'LHLO' : 'EHLO'}: ${hello}`, hello);
      session.readExtensions(hello);
      socket.setTimeout(opts.socketTimeoutMs);
      return session;
    } catch (e) {
      session.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one mail transaction for distinct, sendable recipients. Never rejects. */
  async transaction(from: string, to: readonly string[], raw: Buffer): Promise<TransactionResult> {
    const outcomes = new Map<string, RecipientOutcome>();
    let began = false;
    const lost = (recipients: readonly string[], why: string): void => {
      for (const r of recipients) if (!outcomes.has(r)) outcomes.set(r, noReply(r, why));
    };
    const brokenWhy = (): string => this.broken?.message ?? 'connection lost';
    const mail = `MAIL FROM:<${from}>${this.mailParams(from, to, raw)}`;
    const rcpts = to.map((r) => `RCPT TO:<${r}>`);
    const reset = this.dirty;
    this.dirty = true;

    let mailReply: Reply;
    const rcptReplies: Reply[] = [];
    let dataReply: Reply;
    if (this.pipelining) {
      const cmds = reset ? ['RSET', mail, ...rcpts, 'DATA'] : [mail, ...rcpts, 'DATA'];
      const pending = this.replies(cmds.length);
      this.write(cmds.join('\r\n') + '\r\n');
      const replies = await pending;
      const first = replies[0] ?? null;
      mailReply = (reset ? replies[1] : first) ?? null;
      began = first !== null && !first.startsWith('421');
      const firstRcpt = reset ? 2 : 1;
      for (let i = 0; i < rcpts.length; i++) rcptReplies.push(replies[firstRcpt + i] ?? null);
      dataReply = replies[firstRcpt + rcpts.length] ?? null;
    } else {
      const first = await this.command(reset ? 'RSET' : mail);
      began = first !== null && !first.startsWith('421');
      mailReply = reset && began ? await this.command(mail) : first;
      if (ok(mailReply)) for (const c of rcpts) rcptReplies.push(await this.command(c));
      dataReply = ok(mailReply) && rcptReplies.some(ok) ? await this.command('DATA') : null;
    }
    if (mailReply === null) {
      lost(to, brokenWhy());
      return { outcomes, began };
    }
    if (!ok(mailReply)) {
      for (const r of to) outcomes.set(r, fromReply(r, mailReply, 'mail'));
      await this.abandonData(dataReply);
      return { outcomes, began };
    }
    const accepted: string[] = [];
    to.forEach((r, i) => {
      const reply = rcptReplies[i] ?? null;
      if (ok(reply)) accepted.push(r);
      else if (reply !== null) outcomes.set(r, fromReply(r, reply, 'rcpt'));
    });
    if (accepted.length === 0) {
      lost(to, brokenWhy());
      await this.abandonData(dataReply);
      return { outcomes, began };
    }
    if (dataReply === null || !dataReply.startsWith('354')) {
      if (dataReply === null) lost(accepted, brokenWhy());
      else for (const r of accepted) outcomes.set(r, fromReply(r, dataReply, 'data'));
      return { outcomes, began };
    }
    // RFC 2033 §4.2: LMTP answers the data once per accepted recipient, in RCPT order.
    const finals = this.replies(this.lmtp ? accepted.length : 1);
    this.write(...wireData(raw));
    const replies = await finals;
    if (replies.every((r) => r !== null)) this.dirty = false;
    const unsure = `connection lost after the message was sent (${brokenWhy()}); it may have been delivered`;
    accepted.forEach((r, i) => {
      const reply = this.lmtp ? replies[i] : replies[0];
      if (reply === null || reply === undefined) outcomes.set(r, noReply(r, unsure));
      else outcomes.set(r, fromReply(r, reply, 'message'));
    });
    return { outcomes, began: true };
  }

  close(): void {
    if (this.broken === null) {
      this.fail(new Error('session closed'), false);
      // QUIT is a courtesy (RFC 5321 §4.1.1.10); the answer does not matter.
      this.socket.end('QUIT\r\n');
      setTimeout(() => this.socket.destroy(), 2000).unref();
    } else {
      this.socket.destroy();
    }
  }

  private mailParams(from: string, to: readonly string[], raw: Buffer): string {
    let p = '';
    if (this.eightBitMime) p += ' BODY=8BITMIME'; // RFC 6152
    if (this.sizeAdvertised) p += ` SIZE=${raw.length}`; // RFC 1870: refused up front if too big
    if (this.smtpUtf8 && (isNonAscii(from) || to.some(isNonAscii))) p += ' SMTPUTF8'; // RFC 6531
    return p;
  }

  /** A server that answered DATA with 354 despite no usable envelope gets an empty message ended. */
  private async abandonData(dataReply: Reply): Promise<void> {
    if (dataReply === null || !dataReply.startsWith('354')) return;
    const end = this.replies(1);
    this.write('.\r\n');
    await end;
  }

  private readExtensions(hello: string): void {
    for (const line of hello.split('\n').slice(1)) {
      const [kw, arg] = line.slice(4).trim().toUpperCase().split(/\s+/);
      if (kw === 'PIPELINING') this.pipelining = true;
      else if (kw === '8BITMIME') this.eightBitMime = true;
      else if (kw === 'SMTPUTF8') this.smtpUtf8 = true;
      else if (kw === 'SIZE') this.sizeAdvertised = arg !== undefined && Number(arg) > 0;
    }
  }

  private setupError(during: string): SessionSetupError {
    return new SessionSetupError(`${this.broken?.message ?? 'connection lost'} (during ${during})`, null);
  }

  /** The next `n` replies; null for each one that never came because the session broke. */
  private replies(n: number): Promise<Reply[]> {
    if (this.broken) return Promise.resolve(new Array<Reply>(n).fill(null));
    return new Promise((done) => this.waiting.push({ need: n, got: [], done }));
  }

  private async command(line: string): Promise<Reply> {
    const reply = this.replies(1);
    this.write(line + '\r\n');
    return (await reply)[0] ?? null;
  }

  private write(...chunks: Array<string | Buffer>): void {
    if (this.broken) return;
    if (chunks.length === 1) {
      this.socket.write(chunks[0] ?? '');
      return;
    }
    this.socket.cork();
    for (const c of chunks) this.socket.write(c);
    this.socket.uncork();
  }

  private fail(err: Error, destroy = true): void {
    if (this.broken) return;
    this.broken = err;
    this.socket.setTimeout(0);
    for (const b of this.waiting.splice(0)) {
      while (b.got.length < b.need) b.got.push(null);
      b.done(b.got);
    }
    if (destroy) this.socket.destroy();
  }
}
