// IMail's SMTP32 (X-Mailer: <SMTP32 v...>): lines such as "User mailbox exceeds allowed size: x",
// "Delivery failed: x", "unknown user: x", "undeliverable to x", before the returned message.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const END = /original message follows/i;
const ADDRESS = /(?:user mailbox[^:]*:|delivery failed[^:]*:|unknown user[^:]*:|undeliverable +to|delivery userid[^:]*:)\s*(\S*)/i;

export const smtp32: Detector = {
  id: 'smtp32',
  detect(ctx: BounceContext): Detection | null {
    if (!(ctx.mail.headers.get('x-mailer') ?? '').startsWith('<SMTP32 v')) return null;
    const found: FoundRecipient[] = [];
    for (const line of ctx.lines) {
      if (END.test(line)) break;
      const m = ADDRESS.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address && !found.some((f) => f.address === address)) found.push({ address, diagnostic: line.trim() });
    }
    return failed(found);
  },
};
