// What the pipeline needs from its caller: everything the features it drives need, in one object.
import type { ModerationDeps } from '../moderation/index.ts';
import type { SubscriptionDeps } from '../subscriptions/index.ts';
import type { MailAuth } from '../auth-mail/index.ts';

export interface PipelineDeps extends ModerationDeps, SubscriptionDeps {
  /** Recipients per bulk transaction, for planning delivery jobs. */
  bulkChunk: number;
  /** Called after work was enqueued, so an in-process worker starts at once. */
  wake?: () => void;
  /** DMARC policy look-ups and checks of incoming posts; without it posts are neither checked nor mitigated. */
  mailAuth?: MailAuth;
}
