// Microsoft Exchange's older text report: "did not reach the following recipient(s):" (Exchange
// 2003: "The following recipient(s) could not be reached:") then one line per recipient ("name on
// date" or "SMTP=address; on date") with the reason under it, closed by the "MSEXCH:" code line.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const START = /did not reach the following recipient|^\s*The following recipient\(s\) could not be reached:/;
const END = /MSEXCH:/;
const SMTP_FORM = /SMTP=([^;]+); on /;
const PLAIN_FORM = /(\S+) on /;

export const exchange: Detector = {
  id: 'exchange',
  detect(ctx: BounceContext): Detection | null {
    const found: FoundRecipient[] = [];
    let open = false;
    const lines = ctx.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (!open) {
        open = START.test(line);
        continue;
      }
      // Each recipient's reason ends with its MSEXCH code line; another recipient may follow.
      if (END.test(line)) {
        const next = lines[i + 1] ?? '';
        const more = SMTP_FORM.exec(next) ?? PLAIN_FORM.exec(next);
        if (more && cleanAddress(more[1] ?? '')) continue;
        break;
      }
      const m = SMTP_FORM.exec(line) ?? PLAIN_FORM.exec(line);
      const address = m ? cleanAddress(m[1] ?? '') : null;
      const last = found[found.length - 1];
      if (address && !found.some((f) => f.address === address)) found.push({ address });
      else if (!address && last && line.trim() !== '') last.diagnostic = `${last.diagnostic ?? ''} ${line.trim()}`.trim();
    }
    return failed(found);
  },
};
