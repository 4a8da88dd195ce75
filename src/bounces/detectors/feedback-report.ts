// RFC 5965 abuse reports (ARF): a complaint about a message, not a delivery failure. Recognised
// first so that the quoted message inside is never mistaken for a bounce.
import type { Detection, Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

export const feedbackReport: Detector = {
  id: 'feedback-report',
  detect(ctx: BounceContext): Detection | null {
    const top = ctx.mail.parts[0];
    const reportType = (top?.params['report-type'] ?? '').toLowerCase();
    // Hotmail's older complaint format predates ARF: a plain message around the complained one.
    const hotmail = /^complaint about message from /i.test(ctx.subject) && ctx.mail.parts.some((p) => p.type === 'message/rfc822');
    const isArf = hotmail || reportType === 'feedback-report' || ctx.mail.parts.some((p) => p.type === 'message/feedback-report');
    return isArf ? { kind: 'not-a-bounce', reason: 'feedback', recipients: [] } : null;
  },
};
