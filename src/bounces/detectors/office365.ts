// Microsoft Exchange 2007 and later, and Microsoft 365: "Delivery has failed to these recipients or
// groups:" (or "Your message to x couldn't be delivered.") and, under "Diagnostic information for
// administrators:", each recipient's address on a line of its own followed by the remote reply
// ("Remote Server returned '550 5.1.10 ...'" or "#550 5.1.1 RESOLVER.ADR.RecipNotFound ##").
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const HEAD = /Delivery has failed to these recipients or (?:groups|distribution lists):|Your message to \S+@\S+ couldn'?t be delivered/i;
const ADMIN = /^\s*Diagnostic information for administrators:/i;
const END = /^\s*Original message headers:/i;
const MAILTO = /<mailto:([^>\s]+)>/i;

function fromAdminSection(lines: readonly string[], at: number): FoundRecipient[] {
  const found: FoundRecipient[] = [];
  let current: FoundRecipient | null = null;
  for (let i = at + 1; i < lines.length && !END.test(lines[i] ?? ''); i++) {
    const line = (lines[i] ?? '').trim();
    const address = /^\S+@\S+$/.test(line) ? cleanAddress(line) : null;
    if (address) {
      current = found.find((f) => f.address === address) ?? null;
      if (!current) {
        current = { address, diagnostic: '' };
        found.push(current);
      }
    } else if (current && line !== '' && !/^Generating server:/i.test(line)) {
      current.diagnostic = `${current.diagnostic ?? ''} ${line}`.trim();
    }
  }
  return found;
}

function fromHead(lines: readonly string[], at: number): FoundRecipient[] {
  const found: FoundRecipient[] = [];
  const own = /Your message to (\S+@\S+?) couldn'?t be delivered/i.exec(lines[at] ?? '');
  const first = own?.[1] ? cleanAddress(own[1]) : null;
  if (first) found.push({ address: first });
  for (let i = at + 1; i < lines.length && i < at + 30 && !ADMIN.test(lines[i] ?? ''); i++) {
    const line = (lines[i] ?? '').trim();
    const m = MAILTO.exec(line);
    const address = m ? cleanAddress(m[1] ?? '') : null;
    if (address && !found.some((f) => f.address === address)) found.push({ address });
    else if (!address && found.length > 0 && line !== '') {
      const last = found[found.length - 1];
      if (last && !last.diagnostic) last.diagnostic = line;
    }
  }
  return found;
}

export const office365: Detector = {
  id: 'office365',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const head = lines.findIndex((l) => HEAD.test(l));
    if (head < 0) return null;
    const admin = lines.findIndex((l) => ADMIN.test(l));
    const listed = admin >= 0 ? fromAdminSection(lines, admin) : [];
    return failed(listed.length > 0 ? listed : fromHead(lines, head));
  },
};
