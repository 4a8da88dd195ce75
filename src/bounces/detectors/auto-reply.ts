// Auto-replies (RFC 3834: Auto-Submitted: auto-replied; vacation and out-of-office notes) are not
// bounces. Tried after the formats that find failed recipients, since many bounces also carry
// Auto-Submitted.
import type { Detection, Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const SUBJECT = /\b(?:auto(?:matic)?[- ]?(?:reply|response|antwort|r[eé]ponse)|out of (?:the )?office|vacation|away from (?:the )?office|abwesenheit|absence|on leave|autoreply|respuesta autom[aá]tica)\b/i;

export const autoReply: Detector = {
  id: 'auto-reply',
  detect(ctx: BounceContext): Detection | null {
    const h = ctx.mail.headers;
    if (ctx.dsn.length > 0 || looksLikeBounce(ctx)) return null;
    const auto = (h.get('auto-submitted') ?? '').toLowerCase();
    const precedence = (h.get('precedence') ?? h.get('x-precedence') ?? '').toLowerCase();
    const marked =
      auto.startsWith('auto-replied') ||
      precedence.includes('auto_reply') ||
      h.has('x-autoreply') ||
      h.has('x-autorespond') ||
      (h.get('x-auto-response-suppress') !== undefined && SUBJECT.test(ctx.subject)) ||
      SUBJECT.test(ctx.subject);
    return marked ? { kind: 'not-a-bounce', reason: 'vacation', recipients: [] } : null;
  },
};
