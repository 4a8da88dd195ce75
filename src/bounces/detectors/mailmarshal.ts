// MailMarshal (Trustwave SEG): "Could not be delivered because of" with the reply on the next
// line, then "The following recipients were affected:" and the addresses, indented.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const BECAUSE = /^\s*Could not be delivered because of\s*$/i;
const AFFECTED = /^\s*The following recipients were affected:/i;

export const mailmarshal: Detector = {
  id: 'mailmarshal',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => AFFECTED.test(l));
    if (at < 0) return null;
    const because = lines.findIndex((l) => BECAUSE.test(l));
    const diagnostic = because >= 0 && because < at ? lines.slice(because + 1, at).map((l) => l.trim()).filter((l) => l !== '').join(' ') : '';
    const addresses: string[] = [];
    for (let i = at + 1; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      if (line === '') {
        if (addresses.length > 0) break;
        continue;
      }
      const address = cleanAddress(line);
      if (!address) break;
      addresses.push(address);
    }
    return failed(addresses.map((address) => ({ address, diagnostic })));
  },
};
