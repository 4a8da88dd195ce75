// Gmail's plain-text notice (before it sent DSNs): "Delivery to the following recipient failed
// permanently:" (or "has been delayed") with the addresses indented, then "Technical details of
// permanent failure:" holding the remote server's reply, up to "----- Original message -----".
import { cleanAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const HEAD = /^\s*Delivery to the following recipients? (failed permanently|has been delayed|failed temporarily)/i;
const DETAILS = /^\s*Technical details of (?:permanent|temporary) failure:/i;
const END = /^\s*-{3,}\s*Original message\s*-{3,}/i;

export const gmail: Detector = {
  id: 'gmail',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => HEAD.test(l));
    if (at < 0) return null;
    const found: FoundRecipient[] = [];
    let i = at + 1;
    for (; i < lines.length && !DETAILS.test(lines[i] ?? '') && !END.test(lines[i] ?? ''); i++) {
      const line = (lines[i] ?? '').trim();
      const address = /^\S+@\S+$/.test(line) ? cleanAddress(line) : null;
      if (address) found.push({ address });
    }
    const details: string[] = [];
    if (DETAILS.test(lines[i] ?? '')) {
      for (i++; i < lines.length && !END.test(lines[i] ?? ''); i++) details.push((lines[i] ?? '').trim());
    }
    const diagnostic = details.filter((l) => l !== '').join(' ');
    for (const f of found) if (diagnostic) f.diagnostic = diagnostic;
    const how = HEAD.exec(lines[at] ?? '')?.[1]?.toLowerCase() ?? '';
    if (how !== 'failed permanently') return { kind: 'delay', recipients: found };
    return found.length > 0 ? { kind: 'failure', recipients: found } : null;
  },
};
