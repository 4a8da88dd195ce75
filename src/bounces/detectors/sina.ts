// sina.com's MTA: a multipart bounce from mailer-daemon@sina.com whose first part lists the
// failed recipients at the start of lines, in angle brackets.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

export const sina: Detector = {
  id: 'sina',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.from !== 'mailer-daemon@sina.com' || !ctx.mail.type.startsWith('multipart/')) return null;
    const first = ctx.mail.parts[1];
    if (!first) return null;
    const found: FoundRecipient[] = [];
    for (const line of first.text.split('\n')) {
      const m = /^<([^>]*)>/.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address && !found.some((f) => f.address === address)) found.push({ address, diagnostic: line.trim() });
    }
    return failed(found);
  },
};
