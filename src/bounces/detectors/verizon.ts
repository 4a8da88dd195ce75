// Verizon Wireless's multimedia gateway: "Message could not be delivered to mobile." with the
// error, then a summary of the original whose "To:" line is the failed recipient.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const INTRO = /^\s*Message could not be delivered to mobile/i;
const SUMMARY = /^\s*Original Message:/i;

export const verizon: Detector = {
  id: 'verizon',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => INTRO.test(l));
    const summaryAt = lines.findIndex((l) => SUMMARY.test(l));
    if (at < 0 || summaryAt < at) return null;
    const diagnostic = lines.slice(at + 1, summaryAt).map((l) => l.trim()).filter((l) => l !== '').join(' ');
    for (let i = summaryAt + 1; i < lines.length && i < summaryAt + 8; i++) {
      const m = /^\s*To:\s*(.+)$/i.exec(lines[i] ?? '');
      const address = m ? cleanAddress(m[1] ?? '') : null;
      if (address) return failed([{ address, diagnostic }]);
    }
    return null;
  },
};
