// Pipermail's monthly (quarterly, yearly) archive files, `2010-January.txt[.gz]` (GNU Mailman 2.1
// Archiver). They are mbox files with "From user at host  date" envelopes and mboxo escaping, and
// they leave some body "From " lines unescaped; the strict envelope check in envelope.ts handles it.
// The ` at ` in addresses is kept in the bytes; overview extraction restores the author address.
import { readMbox } from './mbox-reader.ts';
import type { ByteSource } from './byte-source.ts';
import type { RawMessage } from './raw-message.ts';

/** Messages of one Pipermail period file. */
export function readPipermail(source: ByteSource): AsyncGenerator<RawMessage> {
  return readMbox(source, { format: 'mboxo' });
}

/** Whether a file name is one of Pipermail's period archives (month, quarter, year, week, day). */
export function isPipermailPeriodFile(name: string): boolean {
  return /^(?:\d{4}-[A-Z][a-z]+|\d{4}q[1-4]|\d{4}|Week-of-Mon-\d{8}|\d{8})\.txt(?:\.gz)?$/.test(name);
}
