// Exim names the failed recipients in an X-Failed-Recipients header, and in its text: after "The
// following address(es) failed:", each address on a line of its own (indented, or quoted with a
// colon as GMX writes it) with the reason indented under it. Without the header, the text alone
// is read when it has Exim's wording ("could not be delivered to one or more of its recipients").
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const INTRO = /could not be delivered to one or more of\s+its\s+recipients/i;
const LIST_START = /(?:address(?:\(es\))?|addresses) failed:\s*$|this is a permanent error\.?\s*$/i;
const COPY = /^-{3,}\s*(?:This is a copy|The header of the original|Original message)/i;
const ADDRESS_LINE = /^(\s{0,4})"?<?([^\s<>"]+@[^\s<>":]+)>?"?:?(?:\s+(.*))?$/;

/** Addresses with their reasons, as the text lists them. */
function readText(lines: readonly string[]): FoundRecipient[] {
  const intro = lines.findIndex((l, i) => INTRO.test(`${lines[i - 1] ?? ''} ${l}`));
  if (intro < 0) return [];
  let at = intro;
  while (at < lines.length && at < intro + 6 && !LIST_START.test(`${lines[at - 1] ?? ''} ${lines[at] ?? ''}`)) at++;
  const found: FoundRecipient[] = [];
  let current: FoundRecipient | null = null;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (COPY.test(line)) break;
    const m = ADDRESS_LINE.exec(line);
    const address = m ? cleanAddress(m[2] ?? '') : null;
    if (m && address && (m[1] ?? '').length <= 2) {
      current = { address, diagnostic: (m[3] ?? '').trim() };
      found.push(current);
    } else if (current && line.trim() !== '') {
      current.diagnostic = `${current.diagnostic ?? ''} ${line.trim()}`.trim();
    } else if (current && line.trim() === '' && !/^\s/.test(lines[i + 1] ?? '')) {
      current = null;
    }
  }
  return found;
}

export const exim: Detector = {
  id: 'exim',
  detect(ctx: BounceContext): Detection | null {
    const fromText = readText(ctx.noticeLines);
    const values = ctx.mail.headers.getAll('x-failed-recipients');
    if (values.length === 0) return failed(fromText);
    const found: FoundRecipient[] = [];
    for (const value of values) {
      for (const item of value.split(',')) {
        const address = cleanAddress(item);
        if (!address || found.some((f) => f.address === address)) continue;
        const said = fromText.find((f) => f.address.toLowerCase() === address.toLowerCase())?.diagnostic;
        found.push(said ? { address, diagnostic: said } : { address });
      }
    }
    return failed(found);
  },
};
