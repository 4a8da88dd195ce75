// The one reply to a mail to a list robot, in Mailman's shape: the original message's details,
// each command echoed with its result, then what was not understood and what was not read.
import type { CommandReport } from './commands/index.ts';
import type { RequestMail } from './read-request.ts';

export const RESULTS_SUBJECT = 'The results of your email commands';

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === '' ? '' : `    ${l}`));
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').slice(0, 300);

export function resultsText(mail: RequestMail, sender: string, report: CommandReport, epilogue: readonly string[] = []): string {
  const out: string[] = ['The results of your email commands are provided below.', '', '- Original message details:'];
  out.push(...indent([
    `From: ${sender}`,
    `Subject: ${oneLine(mail.subject) || '(none)'}`,
    `Date: ${oneLine(mail.date ?? '(none)')}`,
    `Message-ID: ${oneLine(mail.messageId ?? '(none)')}`,
  ]));
  out.push('', '- Results:');
  if (report.results.length === 0) out.push(...indent(['No commands were found in this message.']));
  for (const r of report.results) out.push(`> ${r.command}`, ...indent(r.lines), '');
  if (report.unprocessed.length > 0) out.push('', '- Unprocessed:', ...indent(report.unprocessed));
  if (report.ignored.length > 0) {
    out.push('', '- Ignored:', ...indent(report.ignored));
    if (report.ignoredMore > 0) out.push(...indent([`... and ${report.ignoredMore} more lines`]));
  }
  if (epilogue.length > 0) out.push('', ...epilogue);
  out.push('', '- Done.', '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
