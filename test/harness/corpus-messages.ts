// Finds every message in the shared corpus: mbox files split on their postmark lines, .eml and
// Maildir files, gzipped or not. Data and expectation files beside the mail are passed over.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

const NOT_MAIL = /\.(md|json|tsv|yaml|html|tnef|list)(\.gz)?$|^(LICENSE|README)/i;
const HEADER_LINE = /^[!-9;-~]+:/;
// RFC 4155 postmark: "From " sender and an asctime date; a body line merely starting "From " has no time.
const POSTMARK = /^From \S+.*\d\d:\d\d/;

export function listMailFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() ?? '';
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (!NOT_MAIL.test(name)) out.push(p);
    }
  }
  return out.sort();
}

/** The messages in one file: an mbox is split on postmark lines; a header block is one message. */
export function messagesIn(buf: Buffer): Buffer[] {
  const text = buf.toString('latin1');
  if (text.startsWith('From ')) {
    const out: Buffer[] = [];
    let start = 0;
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\nFrom ', pos);
      if (nl < 0) break;
      const end = text.indexOf('\n', nl + 1);
      if (POSTMARK.test(text.slice(nl + 1, end < 0 ? undefined : end))) {
        out.push(buf.subarray(start, nl + 1));
        start = nl + 1;
      }
      pos = nl + 1;
    }
    out.push(buf.subarray(start));
    return out;
  }
  return HEADER_LINE.test(text) ? [buf] : [];
}

/** Every corpus message with where it came from (`folder/file#n`). */
export function* corpusMessages(dir: string): Generator<{ where: string; raw: Buffer }> {
  for (const file of listMailFiles(dir)) {
    let buf = readFileSync(file);
    if (file.endsWith('.gz')) buf = gunzipSync(buf);
    for (const [i, raw] of messagesIn(buf).entries()) yield { where: `${relative(dir, file)}#${i}`, raw };
  }
}
