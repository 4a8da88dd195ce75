// CompuServe: "Your message could not be delivered ..." then "Invalid receiver address: x".
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const INTRO = /your message could not be delivered/i;
const ADDRESS = /Invalid receiver address: (.*)/;

export const compuserve: Detector = {
  id: 'compuserve',
  detect(ctx: BounceContext): Detection | null {
    // A pattern this loose is only trusted on mail that looks like a delivery report.
    if (!looksLikeBounce(ctx)) return null;
    const found: FoundRecipient[] = [];
    let open = false;
    for (const line of ctx.lines) {
      if (!open) {
        open = INTRO.test(line);
        continue;
      }
      if (INTRO.test(line)) break;
      const m = ADDRESS.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address) found.push({ address });
    }
    return failed(found);
  },
};
