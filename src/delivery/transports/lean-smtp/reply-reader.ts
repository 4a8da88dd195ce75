// Cuts the server's byte stream into complete replies (RFC 5321 §4.2: "xyz-" continues a reply,
// "xyz " or a bare "xyz" ends it), with a bound on size so a hostile peer can not fill memory.
import { StringDecoder } from 'node:string_decoder';

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const LINE_RE = /^\d{3}(?:([ -]).*)?$/;

export class ReplyReader {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private lines: string[] = [];
  private size = 0;

  constructor(
    private readonly onReply: (reply: string) => void,
    /** Longest reply accepted, all lines together. */
    private readonly maxReplyBytes = 64 * 1024,
  ) {}

  /** Feeds bytes from the socket; calls onReply for each reply completed. Throws ProtocolError. */
  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) !== -1) {
      const line = this.pending.slice(0, nl > 0 && this.pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      this.pending = this.pending.slice(nl + 1);
      this.line(line);
    }
    if (this.size + this.pending.length > this.maxReplyBytes) throw new ProtocolError(`reply longer than ${this.maxReplyBytes} bytes`);
  }

  private line(line: string): void {
    const m = LINE_RE.exec(line);
    if (!m) throw new ProtocolError(`not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
    this.size += line.length + 1;
    if (this.size > this.maxReplyBytes) throw new ProtocolError(`reply longer than ${this.maxReplyBytes} bytes`);
    this.lines.push(line);
    if (m[1] === '-') return;
    const reply = this.lines.length === 1 ? line : this.lines.join('\n');
    this.lines = [];
    this.size = 0;
    this.onReply(reply);
  }
}
