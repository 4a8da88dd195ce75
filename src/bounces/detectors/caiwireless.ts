// The format of the MTA at caiwireless.net: claims to be MIME but is one text block with
// "The following recipients did not receive this message:" and the address on the next line.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const TAG = /^the following recipients did not receive this message:/i;

export const caiwireless: Detector = {
  id: 'caiwireless',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.mail.type !== 'multipart/mixed') return null;
    let tagged = false;
    for (const raw of ctx.lines) {
      const line = raw.trim();
      if (!tagged) {
        tagged = TAG.test(line);
        continue;
      }
      if (line === '') continue;
      const m = /^<([^>]*)>/.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      return address ? failed([{ address }]) : null;
    }
    return null;
  },
};
