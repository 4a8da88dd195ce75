// OpenSMTPD's report: after "...for the following list of recipients:", one "address: reply"
// line per recipient, up to "Below is a copy of the original message". The same intro with
// "is delayed" is only a warning.
import { cleanAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const LIST = /list of recipients:\s*$/i;
const DELAYED = /message is delayed|delay(?:ed)? for more than|will (?:be retried|continue|retry)/i;
const END = /^\s*Below is a copy of the original message/i;
const ENTRY = /^\s*<?([^\s<>]+@[^\s<>:]+)>?:\s*(.*)$/;

export const opensmtpd: Detector = {
  id: 'opensmtpd',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => LIST.test(l));
    if (at < 0) return null;
    const intro = lines.slice(Math.max(0, at - 4), at + 1).join(' ');
    if (!/for\s+the\s+following\s+list of recipients:/i.test(intro)) return null;
    const found: FoundRecipient[] = [];
    for (let i = at + 1; i < lines.length && !END.test(lines[i] ?? ''); i++) {
      const m = ENTRY.exec(lines[i] ?? '');
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address) found.push({ address, diagnostic: m?.[2] ?? '' });
    }
    if (DELAYED.test(intro)) return { kind: 'delay', recipients: found };
    return found.length > 0 ? { kind: 'failure', recipients: found } : null;
  },
};
