// LLNL's customised Sendmail message: the failed address sits between commas in a sentence.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const ADDRESS = /,\s*(\S+@[^,]+),/i;

export const llnl: Detector = {
  id: 'llnl',
  detect(ctx: BounceContext): Detection | null {
    // A pattern this loose is only trusted on mail that looks like a delivery report.
    if (!looksLikeBounce(ctx)) return null;
    for (const line of ctx.lines) {
      const m = ADDRESS.exec(line);
      if (!m) continue;
      const address = cleanAddress(m[1] ?? '');
      return address ? failed([{ address, diagnostic: line.trim() }]) : null;
    }
    return null;
  },
};
