// The post transforms in the order they run, and prepareListPost, which runs them once over an
// accepted post. The order matters: the password goes first, the Message-ID exists before the List-*
// fields cite it, a post is wrapped for DMARC before the list's prefix and fields go on (the outer
// message), and the signatures are judged last, against everything changed before.
import { authenticationResults } from './authentication-results.ts';
import { cleanse } from './cleanse.ts';
import { dmarcMitigation } from './dmarc-mitigation.ts';
import { draftFromRaw, draftToBuffer } from './draft.ts';
import { ensureMessageId } from './ensure-message-id.ts';
import { listHeaders } from './list-headers.ts';
import { removeDkim } from './remove-dkim.ts';
import { replyTo } from './reply-to.ts';
import { stripApproval } from './strip-approval.ts';
import { subjectPrefix } from './subject-prefix.ts';
import type { NamedTransform, TransformContext } from './types.ts';

export type { MessageDraft, NamedTransform, Transform, TransformContext } from './types.ts';
export { draftFromRaw, draftToBuffer } from './draft.ts';

export const TRANSFORMS: readonly NamedTransform[] = [
  { name: 'strip-approval', apply: stripApproval },
  { name: 'cleanse', apply: cleanse },
  { name: 'authentication-results', apply: authenticationResults },
  { name: 'ensure-message-id', apply: ensureMessageId },
  { name: 'dmarc-mitigation', apply: dmarcMitigation },
  { name: 'subject-prefix', apply: subjectPrefix },
  { name: 'reply-to', apply: replyTo },
  { name: 'list-headers', apply: listHeaders },
  { name: 'remove-dkim', apply: removeDkim },
];

/** The post as the list distributes and archives it (before per-member decoration). */
export function prepareListPost(raw: Buffer, ctx: TransformContext): Buffer {
  return draftToBuffer(TRANSFORMS.reduce((msg, t) => t.apply(msg, ctx), draftFromRaw(raw)));
}
