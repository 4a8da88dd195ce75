// The post transforms in the order they run, and prepareListPost, which runs them once over an
// accepted post. The order matters: the password goes first, the Message-ID exists before the List-*
// fields cite it, and the signatures are judged last, against everything changed before.
import { cleanse } from './cleanse.ts';
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
  { name: 'ensure-message-id', apply: ensureMessageId },
  { name: 'subject-prefix', apply: subjectPrefix },
  { name: 'reply-to', apply: replyTo },
  { name: 'list-headers', apply: listHeaders },
  { name: 'remove-dkim', apply: removeDkim },
];

/** The post as the list distributes and archives it (before per-member decoration). */
export function prepareListPost(raw: Buffer, ctx: TransformContext): Buffer {
  return draftToBuffer(TRANSFORMS.reduce((msg, t) => t.apply(msg, ctx), draftFromRaw(raw)));
}
