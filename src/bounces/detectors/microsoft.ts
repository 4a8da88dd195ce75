// Microsoft SMTPSVC: multipart/mixed whose first part is plain text; after "transcript of session
// follows" each line holding an address names a failed recipient.
import { findAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const START = /transcript of session follows/i;

export const microsoft: Detector = {
  id: 'microsoft',
  detect(ctx: BounceContext): Detection | null {
    // A pattern this loose is only trusted on mail that looks like a delivery report.
    if (!looksLikeBounce(ctx)) return null;
    if (ctx.mail.type !== 'multipart/mixed') return null;
    const first = ctx.mail.parts[1];
    if (!first || first.type.startsWith('multipart/') || first.type === 'message/rfc822') return null;
    const found: FoundRecipient[] = [];
    let open = false;
    for (const line of first.text.split('\n')) {
      if (!open) open = START.test(line);
      if (!open || !line.includes('@')) continue;
      const address = findAddress(line);
      if (address && !found.some((f) => f.address === address)) found.push({ address, diagnostic: line.trim() });
    }
    return failed(found);
  },
};
