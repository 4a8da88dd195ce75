// Netscape Messaging Server 3.6/4.1: DSN-shaped MIME without any *-Recipient fields, so the first
// text/plain part is read: after "This Message was undeliverable due to the following reason:",
// every "<address>" that is not a "please reply to" address.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const SECTION = /This Message was undeliverable due to the following reason:/i;
const ADDRESS = /(please reply to)?.*<([^>]*)>/i;

export const netscape: Detector = {
  id: 'netscape',
  detect(ctx: BounceContext): Detection | null {
    const leaves = ctx.mail.parts.filter((p) => !p.type.startsWith('multipart/') && p.type !== 'message/rfc822');
    if (!ctx.mail.type.startsWith('multipart/')) return null;
    // The notice is a text/plain leaf that is not the last one (a report follows it).
    const notice = leaves.slice(0, -1).find((p) => p.type === 'text/plain');
    if (!notice) return null;
    const found: FoundRecipient[] = [];
    let open = false;
    for (const line of notice.text.split('\n')) {
      if (!open) {
        open = SECTION.test(line);
        continue;
      }
      const m = ADDRESS.exec(line);
      if (!m || m[1]) continue;
      const address = cleanAddress(m[2] ?? '');
      if (address) found.push({ address });
    }
    return failed(found);
  },
};
