// The last resort for layouts no other detector knows: lines that pair an address with an SMTP
// error ("<a@b>: 550 ...", "550 <a@b>... User unknown", "could not be delivered to a@b",
// "Recipient: a@b"). Addresses of the report's own sender and receiver are never taken.
import { cleanAddress } from '../message/addresses.ts';
import { fieldAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { noticeText } from '../notice-text.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const ADDR = String.raw`<?([^\s<>()\[\]",;:]+@[A-Za-z0-9.\[\]:_-]+[A-Za-z0-9\]])>?`;
const ERROR_WORDS = /\b[45]\d\d\b|[45]\.\d{1,3}\.\d{1,3}|unknown|reject|denied|invalid|not exist|does not exist|no such|full|quota|blocked|refused|failed|failure|error|unavailable|disabled|not found|unrouteable|not allowed|suspended|inactive/i;
const FORMS: readonly RegExp[] = [
  new RegExp(String.raw`^\s*(?:\*+\s*)?${ADDR}\s*(?:\.{3}|:|\s-\s|\s\[|\s\()\s*(.*)$`),
  new RegExp(String.raw`^\s*(?:<<<\s*)?[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\s+)?${ADDR}\.{0,3}\s*(.*)$`),
  new RegExp(String.raw`(?:could ?n[o']t be delivered|undeliverable|delivery (?:to|failed)|failed to deliver|error (?:delivering|sending)|was not delivered|permanent errors?|unable to deliver|not be delivered|rejected|did not reach)[^@\n]{0,100}?\s${ADDR}(.*)$`, 'i'),
  new RegExp(String.raw`\b(?:failed |invalid |unknown |bad |intended )?recipients?(?:\s+address(?:es)?)?(?:\(s\))?\s*:\s*${ADDR}(.*)$`, 'i'),
  // A transcript line sending RCPT TO, with the refusal on the lines after it.
  new RegExp(String.raw`RCPT TO:\s*${ADDR}()$`, 'i'),
];
const NEEDS_NEXT = new Set([0, 4]);

export const errorLines: Detector = {
  id: 'error-lines',
  detect(ctx: BounceContext): Detection | null {
    if (!looksLikeBounce(ctx)) return null;
    const own = new Set(
      [ctx.from, fieldAddress(ctx.mail.headers.get('to')), fieldAddress(ctx.mail.headers.get('reply-to')), ...ctx.originalHeaders.map((h) => fieldAddress(h.get('from')))]
        .filter((a): a is string => !!a)
        .map((a) => a.toLowerCase()),
    );
    const lines = noticeText(ctx).split('\n');
    const found: FoundRecipient[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (!line.includes('@')) continue;
      for (const form of FORMS) {
        const m = form.exec(line);
        const address = m ? cleanAddress(m[1] ?? '') : null;
        if (!m || !address || own.has(address.toLowerCase()) || /^(?:postmaster|mailer-daemon)@/i.test(address)) continue;
        let diagnostic = (m[2] ?? '').trim();
        const next = [lines[i + 1], lines[i + 2]].map((l) => (l ?? '').trim()).filter((l) => l !== '');
        if (!ERROR_WORDS.test(diagnostic) && NEEDS_NEXT.has(FORMS.indexOf(form))) {
          if (!next.some((l) => ERROR_WORDS.test(l))) continue;
          diagnostic = `${diagnostic} ${next.join(' ')}`.trim();
        }
        if (!found.some((f) => f.address === address)) found.push({ address, diagnostic: diagnostic || next.join(' ') });
        break;
      }
    }
    return failed(found);
  },
};
