// Postfix's bounce: a multipart report whose text/plain part is described as "notification" and
// says "This is the Postfix program at host ..."; each failed recipient is a "<address>: reason"
// paragraph after the signature line. Keftamail, "the BNS Postfix program" and SMTP_Gateway copy
// the format. Without the described part, the text is recognised by its opening line.
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector, type FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const SALUTATION = /^[ \t]*the\s*(?:bns)?\s*(?:postfix|keftamail|smtp_gateway)/i;
const REASON_HEAD = /failure reason:$/i;
const OPENING = /^\s*This is the (?:Postfix program|mail system) at host/i;
const SIGNATURE = /^\s*The (?:Postfix program|mail system)\s*$/i;
const RECIPIENT = /<([^>]*)>:\s*(.*)$/;

const addressOf = (r: FoundRecipient | null): string | undefined => r?.address;

function postfixRecipients(text: string, opens: (line: string) => boolean): FoundRecipient[] {
  const found: FoundRecipient[] = [];
  let open = false;
  let current: FoundRecipient | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!open) {
      if (opens(line)) open = true;
      continue;
    }
    if (line === '') {
      current = null;
      continue;
    }
    const m = RECIPIENT.exec(line);
    const address = m ? cleanAddress(m[1] ?? '') : null;
    // The reply often repeats the address ("550 5.1.1 <a@b>: ..."): that continues the paragraph.
    if (m && address && address !== addressOf(current)) {
      current = { address, diagnostic: m[2] ?? '' };
      found.push(current);
    } else if (current) {
      current.diagnostic = `${current.diagnostic ?? ''} ${line.trim()}`.trim();
    }
  }
  return found;
}

export const postfix: Detector = {
  id: 'postfix',
  detect(ctx: BounceContext): Detection | null {
    if (ctx.mail.type === 'multipart/mixed' || ctx.mail.type === 'multipart/report') {
      const notice = ctx.mail.parts.find(
        (p) => p.type === 'text/plain' && (p.headers.get('content-description') ?? '').toLowerCase() === 'notification',
      );
      const found = notice ? failed(postfixRecipients(notice.text, (l) => SALUTATION.test(l) || REASON_HEAD.test(l))) : null;
      if (found) return found;
    }
    if (!ctx.noticeLines.slice(0, 30).some((l) => OPENING.test(l))) return null;
    return failed(postfixRecipients(ctx.noticeLines.join('\n'), (l) => SIGNATURE.test(l) || OPENING.test(l)));
  },
};
