// Exim names the failed recipients in an X-Failed-Recipients header; the text says why, as an
// indented paragraph under each address ("  user@host\n    SMTP error from remote mail server...").
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

function diagnosticFor(lines: readonly string[], address: string): string | undefined {
  const lower = address.toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!/^\s{1,4}\S/.test(line) || !line.toLowerCase().includes(lower)) continue;
    const out: string[] = [];
    const tail = line.toLowerCase().split(lower)[1] ?? '';
    if (tail.trim() !== '') out.push(line.trim());
    for (let j = i + 1; j < lines.length && j < i + 12; j++) {
      const next = lines[j] ?? '';
      if (next.trim() === '' || /^\s{0,1}\S/.test(next)) break;
      out.push(next.trim());
    }
    if (out.length > 0) return out.join(' ');
  }
  return undefined;
}

export const exim: Detector = {
  id: 'exim',
  detect(ctx: BounceContext): Detection | null {
    const values = ctx.mail.headers.getAll('x-failed-recipients');
    if (values.length === 0) return null;
    const found: FoundRecipient[] = [];
    for (const value of values) {
      for (const item of value.split(',')) {
        const address = cleanAddress(item);
        if (!address || found.some((f) => f.address === address)) continue;
        const diagnostic = diagnosticFor(ctx.noticeLines, address);
        found.push(diagnostic ? { address, diagnostic } : { address });
      }
    }
    return failed(found);
  },
};
