// Lotus Notes/Domino SMTP MTA: a "------- Failure Reasons --------" section holding the reason
// text and the failed address, before "------- Returned Message --------".
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const START = /^-+\s*Failure Reasons\s*-+/i;
const END = /^-+\s*Returned Message\s*-+/i;

export const lotusNotes: Detector = {
  id: 'lotus-notes',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => START.test(l));
    if (at < 0) return null;
    const found: FoundRecipient[] = [];
    const reasons: string[] = [];
    for (let i = at + 1; i < lines.length && !END.test(lines[i] ?? ''); i++) {
      const line = (lines[i] ?? '').trim();
      if (line === '') continue;
      const address = /^<?[^\s<>@]+@[^\s<>@]+>?$/.test(line) ? cleanAddress(line) : null;
      if (address) found.push({ address, diagnostic: reasons.join(' ') });
      else reasons.push(line);
    }
    return failed(found);
  },
};
