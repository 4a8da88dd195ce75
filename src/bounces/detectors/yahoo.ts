// Yahoo!'s own bounce text: a "Message from yahoo.com." or "Sorry, we were unable to deliver your
// message" line, then "<address>:" lines, up to the returned copy. From mailer-daemon@yahoo...,
// or from any mailer-daemon when the second, unmistakable opening is used (Yahoo Japan, relays).
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const TAGS = [/^message\s+from\s+yahoo\.\S+/i, /^Sorry, we were unable to deliver your message to the following address(?:\(es\))?\./i];
const RECIPIENT = /^<([^>]*)>:\s*(.*)$/;
const ENDS = [/^--- Original message follows/, /^--- Below this line is a copy of the message/];

export const yahoo: Detector = {
  id: 'yahoo',
  detect(ctx: BounceContext): Detection | null {
    const yahooFrom = ctx.from.startsWith('mailer-daemon@yahoo');
    if (!yahooFrom && !(ctx.from.startsWith('mailer-daemon@') && ctx.lines.some((l) => TAGS[1]?.test(l.trim())))) return null;
    const found: FoundRecipient[] = [];
    let open = false;
    let current: FoundRecipient | null = null;
    for (const raw of ctx.lines) {
      const line = raw.trim();
      if (!open) {
        open = TAGS.some((re) => re.test(line));
        continue;
      }
      if (ENDS.some((re) => re.test(line))) break;
      const m = RECIPIENT.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (m && address) {
        current = { address, diagnostic: m[2] ?? '' };
        found.push(current);
      } else if (current && line !== '') {
        current.diagnostic = `${current.diagnostic ?? ''} ${line}`.trim();
      }
    }
    return failed(found);
  },
};
