// AOL's text bounce names screen names, not addresses: after "mail to the following recipients
// could not be delivered", each bare name is taken as name@aol.com.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const START = /mail to the following recipients could not be delivered/;

export const aol: Detector = {
  id: 'aol',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.mail.type !== 'text/plain' || !ctx.from.endsWith('@aol.com')) return null;
    const found: FoundRecipient[] = [];
    let open = false;
    for (const line of ctx.lines) {
      if (!open) {
        open = START.test(line);
        continue;
      }
      const name = line.trim();
      if (name === '') continue;
      if (/\s/.test(name)) break;
      const address = cleanAddress(name.includes('@') ? name : `${name}@aol.com`);
      if (address) found.push({ address });
    }
    return failed(found);
  },
};
