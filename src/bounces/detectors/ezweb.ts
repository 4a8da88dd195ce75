// The Japanese mobile carriers' gateways (au/EZweb and au one net by KDDI): "Each of the
// following recipients was rejected by a remote mail server." with "Recipient: <address>" and the
// SMTP exchange, or "Could not be delivered to: <address>" with the reason on the next line, or
// just the "<address>" alone under an explanation.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const CARRIER = /@(?:ezweb\.ne\.jp|[a-z0-9.-]*\.?dion\.ne\.jp|au\.com|ezweb\.jp)$/i;
const RECIPIENT = /^\s*(?:Recipient:|Could not be delivered to:)\s*<([^>]+)>/i;
const ALONE = /^\s*<([^>\s]+@[^>\s]+)>\s*$/;

export const ezweb: Detector = {
  id: 'ezweb',
  detect(ctx: BounceContext): Detection | null {
    if (!CARRIER.test(ctx.from)) return null;
    const lines = ctx.noticeLines;
    const found: FoundRecipient[] = [];
    let current: FoundRecipient | null = null;
    for (const raw of lines) {
      const line = raw.trim();
      const m = RECIPIENT.exec(raw) ?? ALONE.exec(raw);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address) {
        current = { address, diagnostic: '' };
        found.push(current);
      } else if (current && line !== '' && !/^>>>/.test(line)) {
        current.diagnostic = `${current.diagnostic ?? ''} ${line.replace(/^<<<\s*/, '')}`.trim();
      }
    }
    // The explanation may come before the lone address line: lend it to addresses without one.
    const explanation = lines.filter((l) => /^[A-Za-z].*\.$/.test(l.trim())).join(' ');
    for (const f of found) if (!f.diagnostic) f.diagnostic = explanation;
    return failed(found);
  },
};
