// Reads the command lines of a message to the -request address and runs them in order: the
// subject first (when it names a command), then body lines until `end`, a signature, a quoted
// block or the start of a forwarded original. Bounded: at most MAX_COMMAND_LINES body lines are
// read and reading stops after MAX_UNKNOWN lines that are not commands.
import type { RequestMail } from '../read-request.ts';
import { findCommand } from './table.ts';
import type { CommandContext } from './types.ts';

export const MAX_COMMAND_LINES = 10;
export const MAX_UNKNOWN = 3;
/** Lines shown under "Ignored"; the rest are counted. */
const MAX_SHOWN_IGNORED = 10;
const MAX_ECHO = 200;

export interface CommandReport {
  results: Array<{ command: string; lines: string[] }>;
  /** Lines that were read but are not commands. */
  unprocessed: string[];
  /** Lines left unread after reading stopped. */
  ignored: string[];
  ignoredMore: number;
}

// Reply and forward markers in many languages, and a list's subject tag, before the command.
const SUBJECT_PREFIX = /^(?:\s*(?:(?:re|aw|sv|vs|antw|odp|fwd?|wg|tr|rv)\s*(?:\[\d+\])?\s*:|\[[^\]]{0,100}\]))+\s*/i;

/** Lines that end the command part by themselves (RFC 3676 §4.3 signature, forwarded originals). */
function isSeparator(line: string): boolean {
  const t = line.trim();
  return line === '-- ' || t === '--' || /^-{3,}\s*original message\s*-{3,}$/i.test(t) || /^_{10,}$/.test(t) || /^on .{1,300} wrote:$/i.test(t);
}

const nextNonBlank = (lines: readonly string[], i: number): string => lines.slice(i + 1, i + 4).find((l) => l.trim() !== '')?.trim() ?? '';

/**
 * The attribution before a quote ("On <date>, <name> wrote:", in any language and possibly
 * wrapped over two lines) ends with a colon: the block of non-blank lines that holds it
 * belongs to the quote. A command line stops the walk back, so it is still read.
 */
function attributionStart(lines: readonly string[], quoteAt: number): number {
  let j = quoteAt - 1;
  while (j >= 0 && (lines[j] ?? '').trim() === '') j--;
  if (j < 0 || !(lines[j] ?? '').trim().endsWith(':')) return quoteAt;
  let start = j;
  for (let k = j; k >= 0 && k > j - 2; k--) {
    const t = (lines[k] ?? '').trim();
    if (t === '' || findCommand(t.split(/\s+/)[0] ?? '')) break;
    start = k;
  }
  return start;
}

/** Index of the first body line that is no longer part of the commands. */
function commandPartEnd(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isSeparator(line)) return i;
    if (line.trim().startsWith('>')) return attributionStart(lines, i);
    // Outlook quotes the original as a header block: "From: ..." then "Sent:" or "Date:".
    if (/^\*?from:\s/i.test(line.trim()) && /^\*?(?:sent|date|to|subject):/i.test(nextNonBlank(lines, i))) return i;
  }
  return lines.length;
}

export const commandSubject = (subject: string): string => subject.replace(SUBJECT_PREFIX, '').trim();

/** The body lines to read as commands (non-blank, trimmed), and those left over before the end. */
function bodyCommandLines(mail: RequestMail): { read: string[]; rest: string[] } {
  const read: string[] = [];
  const rest: string[] = [];
  const end = commandPartEnd(mail.bodyLines);
  for (const line of mail.bodyLines.slice(0, end)) {
    const t = line.trim();
    if (t === '') continue;
    if (read.length < MAX_COMMAND_LINES) read.push(t);
    else rest.push(t);
  }
  return { read, rest };
}

export async function runCommands(ctx: CommandContext, mail: RequestMail): Promise<CommandReport> {
  const report: CommandReport = { results: [], unprocessed: [], ignored: [], ignoredMore: 0 };
  const subject = commandSubject(mail.subject);
  const body = bodyCommandLines(mail);
  // The subject counts only when it names a command: "Hello" there is not an error.
  const firstWord = subject.split(/\s+/)[0] ?? '';
  const lines = [...(subject !== '' && findCommand(firstWord) ? [subject] : []), ...body.read];
  const seen = new Set<string>();
  let stopAt = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const words = line.split(/\s+/);
    const command = findCommand(words[0] ?? '');
    if (!command) {
      report.unprocessed.push(line.slice(0, MAX_ECHO));
      if (report.unprocessed.length >= MAX_UNKNOWN) { stopAt = i + 1; break; }
      continue;
    }
    // A reply quoting "confirm TOKEN" unquoted (as some mail programs do) must not run it twice.
    const key = words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const r = await command.run(ctx, words.slice(1));
    if (!r.stop) report.results.push({ command: line.slice(0, MAX_ECHO), lines: r.lines });
    if (r.stop) { stopAt = i + 1; break; }
  }
  const leftover = [...lines.slice(stopAt), ...body.rest];
  report.ignored = leftover.slice(0, MAX_SHOWN_IGNORED).map((l) => l.slice(0, MAX_ECHO));
  report.ignoredMore = Math.max(0, leftover.length - MAX_SHOWN_IGNORED);
  return report;
}
