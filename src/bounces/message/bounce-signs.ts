// Signs that a message is a delivery report at all: who sent it, its type, its subject. Used to
// tell an unparseable bounce ('unknown') from ordinary mail, and bounces from auto-replies.
import type { BounceContext } from './bounce-context.ts';

const DAEMON = /^(?:mailer-daemon|mailer_daemon|mail-daemon|mailerdaemon|postmaster|post_master|mdaemon|mail\.daemon|bounces?|nobody|root|sysadmin|mail-?delivery)@/;
const SUBJECT = /undeliver|undelivered|delivery (?:status|failure|failed|notification|problem|report)|returned mail|failure notice|mail delivery|non[- ]?delivery|could not be delivered|delivery has failed|error sending|mail (?:system )?error|returned to sender|rejected|bounce/i;

export function fromDaemon(ctx: BounceContext): boolean {
  return DAEMON.test(ctx.from) || /mailer-daemon|mail delivery (?:system|subsystem)/i.test(ctx.mail.headers.get('from') ?? '');
}

export function looksLikeBounce(ctx: BounceContext): boolean {
  return fromDaemon(ctx) || ctx.mail.type === 'multipart/report' || SUBJECT.test(ctx.subject);
}
