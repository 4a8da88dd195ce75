// Writes messages as mboxrd (RFC 4155 Appendix A): a From_ line, the message with every
// `^>*From ` line given one more `>`, and a blank separator line. Reading that back with
// readMbox gives the same bytes, and a file read with readMbox is rewritten byte for byte when
// each message keeps its original From_ line.
import { escapeFromRd } from './from-escaping.ts';
import { formatEnvelope } from './envelope.ts';

export interface MboxrdEntry {
  raw: Buffer;
  /** The original From_ line (without line end); used as is when present. */
  fromLine?: string;
  /** Used to build a From_ line when there is none: envelope sender and date. */
  sender?: string | null;
  date?: Date;
}

const NL = Buffer.from('\n');
const NLNL = Buffer.from('\n\n');

/** One message in mboxrd form, separator included. */
export function formatMboxrd(entry: MboxrdEntry): Buffer {
  const from = entry.fromLine ?? formatEnvelope(entry.sender ?? null, entry.date ?? new Date(0));
  const body = escapeFromRd(entry.raw);
  const ends = body.length > 0 && body[body.length - 1] === 0x0a;
  return Buffer.concat([Buffer.from(`${from}\n`, 'latin1'), body, ends ? NL : NLNL]);
}

/** Encodes a stream of messages as mboxrd chunks (one per message), for piping to a file or HTTP body. */
export async function* writeMboxrd(entries: AsyncIterable<MboxrdEntry> | Iterable<MboxrdEntry>): AsyncGenerator<Buffer> {
  for await (const e of entries) yield formatMboxrd(e);
}
