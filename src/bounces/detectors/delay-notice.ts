// Free-text delay notices from any MTA ("will be retried", "has not yet been delivered", "no need
// to resend"): recognised as delays so that they never count, whatever the layout.
import { findAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { noticeText } from '../notice-text.ts';

const SUBJECT = /\b(?:delay(?:ed)?|warning|still being retried|not yet (?:been )?delivered|delivery (?:status notification )?\(delay\))\b/i;
const TEXT = /will (?:continue to )?(?:be )?(?:retr(?:y|ied)|try again|keep trying|attempt)|has not (?:yet )?been delivered|not yet been delivered|is (?:being|still being) retried|still trying to deliver|no need to resend|do not need to resend|(?:is|has been|was) delayed|delayed for more than|temporarily (?:deferred|unable)|this is (?:just )?a warning|warning message only|will try to deliver|retry (?:for|until) /i;
const FINAL = /permanent (?:error|failure|fatal)|could not be delivered|has been returned|gave up|giving up|undeliverable|delivery (?:has )?failed|failed permanently|unable to deliver/i;

export const delayNotice: Detector = {
  id: 'delay-notice',
  detect(ctx: BounceContext): Detection | null {
    const text = noticeText(ctx);
    const subjectSays = SUBJECT.test(ctx.subject) && !/fail|undeliver|returned/i.test(ctx.subject);
    if (!(TEXT.test(text) || subjectSays) || FINAL.test(text)) return null;
    if (!subjectSays && !TEXT.test(text)) return null;
    const recipients: FoundRecipient[] = [];
    for (const line of text.split('\n')) {
      const address = /@/.test(line) ? findAddress(line) : null;
      if (address && address !== ctx.from && !recipients.some((r) => r.address === address)) recipients.push({ address });
    }
    return { kind: 'delay', recipients };
  },
};
