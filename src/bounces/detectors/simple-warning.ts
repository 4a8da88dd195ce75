// Free-text delay warnings ("has not yet been delivered", "will continue to try"): recognised so
// that they never count as bounces. The addresses are reported for information only.
import { cleanAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

interface WarningFormat {
  start: RegExp;
  /** Where the address list ends; absent when the phrase alone proves a warning. */
  end?: RegExp;
  address?: RegExp;
}

const ADDRESS = /\s*<?(?<addr>\S+@[^>\s]+)>?\s*/;
const FORMATS: readonly WarningFormat[] = [
  // Exim 1.x (pop3.pta.lia.net)
  { start: /The address to which the message has not yet been delivered is/i, end: /No action is required on your part/i, address: ADDRESS },
  // MessageSwitch: the phrase comes after the address, and is proof enough.
  { start: /This is just a warning, you do not need to take any action/i },
  // Symantec AntiVirus for SMTP Gateways
  { start: /Delivery attempts will continue to be made/i },
  // Googlemail
  { start: /THIS IS A WARNING MESSAGE ONLY/i, end: /Message will be retried/i, address: ADDRESS },
  // RS ver 1.0.95vs
  { start: /We will continue to try to deliver/i },
  // kundenserver.de, Exim
  { start: /not yet been delivered/i, end: /No action is required on your part/i, address: ADDRESS },
];

function scan(lines: readonly string[], f: WarningFormat): { matched: boolean; recipients: FoundRecipient[] } {
  const recipients: FoundRecipient[] = [];
  let open = false;
  for (const line of lines) {
    if (!open) {
      open = f.start.test(line);
      if (!open) continue;
      if (!f.address) return { matched: true, recipients };
    }
    const raw = f.address?.exec(line)?.groups?.['addr'];
    const address = raw ? cleanAddress(raw) : null;
    if (address) recipients.push({ address });
    else if (f.end?.test(line)) break;
  }
  return { matched: recipients.length > 0, recipients };
}

export const simpleWarning: Detector = {
  id: 'simple-warning',
  detect(ctx: BounceContext): Detection | null {
    for (const f of FORMATS) {
      const { matched, recipients } = scan(ctx.lines, f);
      if (matched) return { kind: 'warning', recipients };
    }
    return null;
  },
};
