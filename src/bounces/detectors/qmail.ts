// qmail's bounce format, QSBMF (cr.yp.to/proto/qsbmf.txt): an intro paragraph, then one paragraph
// per recipient opening with "<address>:", then a break paragraph starting with "-".
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

// The QSBMF intro, and the variants other programs built on qmail have been seen to use.
const INTROS = [
  /^Hi\. This is the/,
  /^Hi\. The MTA program at/,
  /^We're sorry\. There's a problem/,
  /^Check your send e-mail address\./,
  /^This is the mail delivery agent at/,
  /^Unfortunately, your mail was not delivered/,
  /^Your mail message to the following/,
];
const RECIPIENT = /^<([^>]*)>:\s*(.*)$/;

export const qmail: Detector = {
  id: 'qmail',
  detect(ctx: BounceContext): Detection | null {
    let state: 'intro' | 'in-intro' | 'recipients' = 'intro';
    const found: FoundRecipient[] = [];
    let current: FoundRecipient | null = null;
    for (const rawLine of ctx.lines) {
      const line = rawLine.trim();
      if (state === 'intro') {
        if (INTROS.some((re) => re.test(line))) state = 'in-intro';
      } else if (state === 'in-intro' && !RECIPIENT.test(line)) {
        // Some servers omit the blank line after the intro: a recipient line also ends it.
        if (line === '') state = 'recipients';
      } else {
        state = 'recipients';
        if (line.startsWith('-')) break;
        const m = RECIPIENT.exec(line);
        const address = m ? cleanAddress(m[1] ?? '') : null;
        if (m && address) {
          current = { address, diagnostic: m[2] ?? '' };
          found.push(current);
        } else if (current && line !== '') {
          current.diagnostic = `${current.diagnostic ?? ''} ${line}`.trim();
        }
      }
    }
    return failed(found);
  },
};
