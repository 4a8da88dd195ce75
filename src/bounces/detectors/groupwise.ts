// Novell GroupWise, NTMail and Exchange's Internet Mail Service (told apart by X-Mailer): the
// first text/plain part lists the failed recipients, as "<address>" or as a line starting with one.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

export const groupwise: Detector = {
  id: 'groupwise',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.mail.type !== 'multipart/mixed') return null;
    const mailer = (ctx.mail.headers.get('x-mailer') ?? '').slice(0, 3).toLowerCase();
    if (!['nov', 'ntm', 'int'].includes(mailer)) return null;
    const plain = ctx.mail.parts.find((p) => p.type === 'text/plain');
    if (!plain) return null;
    const found: FoundRecipient[] = [];
    for (const line of plain.text.split('\n')) {
      const angle = /<([^>]*)>/.exec(line);
      let candidate: string | null = null;
      if (angle) candidate = angle[1] ?? null;
      else if (line.includes('@') && !/^\s/.test(line)) candidate = line.split(' ')[0] ?? null;
      const address = candidate ? cleanAddress(candidate) : null;
      if (address && !found.some((f) => f.address === address)) found.push({ address });
    }
    return failed(found);
  },
};
