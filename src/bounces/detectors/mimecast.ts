// Mimecast's alert: "An email that you attempted to send to the following address could not be
// delivered:" with "-- address", then "The problem appears to be :" and "Additional information
// follows :", each item on a "-- " line.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const START = /attempted to send to the following address(?:es)? could not be delivered/i;
const ITEM = /^\s*--\s+(.*)$/;

export const mimecast: Detector = {
  id: 'mimecast',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => START.test(l));
    if (at < 0) return null;
    const found: FoundRecipient[] = [];
    const reasons: string[] = [];
    for (let i = at + 1; i < lines.length && i < at + 40; i++) {
      const item = ITEM.exec(lines[i] ?? '')?.[1]?.trim();
      if (!item) continue;
      const address = /^\S+@\S+$/.test(item) ? cleanAddress(item) : null;
      if (address) found.push({ address });
      else reasons.push(item);
    }
    for (const f of found) f.diagnostic = reasons.join(' ');
    return failed(found);
  },
};
