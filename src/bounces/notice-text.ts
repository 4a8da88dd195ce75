// The human-readable part of a report, without the returned message: what the reason wording is
// read from when a recipient has no diagnostic of its own.
import type { BounceContext } from './message/bounce-context.ts';

const MAX = 8000;
// Lines that introduce the returned copy of the original message in plain-text bounces.
const ORIGINAL_FOLLOWS = /^\s*(?:-{2,}|={2,}|\*{2,})?\s*(?:(?:below this line is|this is) a copy|original message|returned message|start of returned message|the original message|unsent message below|message headers follow|headers of the original|included is a copy|a copy of the original|copy of your message|returned mail follows)/i;

export function noticeText(ctx: BounceContext): string {
  const out: string[] = [];
  let size = 0;
  for (const line of ctx.noticeLines) {
    if (ORIGINAL_FOLLOWS.test(line)) break;
    out.push(line);
    size += line.length + 1;
    if (size > MAX) break;
  }
  return out.join('\n');
}
