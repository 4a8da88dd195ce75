// Yale's mail server names only the user, not the domain: after "Message not delivered to the
// following" and before "Error Detail", each name is reported at both yale.edu and cs.yale.edu.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const START = /Message not delivered to the following/i;
const END = /Error Detail/i;

export const yale: Detector = {
  id: 'yale',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.mail.type.startsWith('multipart/')) return null;
    const [user, domain] = ctx.from.split('@');
    if (user !== 'mailer-daemon' || !domain || !/(?:^|\.)yale\.edu$/.test(domain)) return null;
    const names: string[] = [];
    let open = false;
    for (const line of ctx.lines) {
      if (!open) {
        open = START.test(line);
        continue;
      }
      if (END.test(line)) break;
      const m = /\s+(\S+)\s+/.exec(line);
      if (m?.[1] && !names.includes(m[1])) names.push(m[1]);
    }
    const found: FoundRecipient[] = [];
    for (const name of names) {
      for (const d of ['yale.edu', 'cs.yale.edu']) {
        const address = cleanAddress(`${name}@${d}`);
        if (address) found.push({ address });
      }
    }
    return failed(found);
  },
};
