// The payload of a `notify` job: one message Caucus sends itself, stored whole in the job so the
// state change and the notice are committed together and the notice survives a crash.
import { z } from 'zod';

export const NotifyPayload = z.object({
  listId: z.number().int().nullable(),
  envelopeFrom: z.string(),
  to: z.array(z.string()).min(1),
  /** The message, base64. */
  raw: z.string(),
  /** Why it is sent (confirm, welcome, held-notice, ...), for the queue view. */
  purpose: z.string(),
});
export type NotifyPayload = z.infer<typeof NotifyPayload>;

export const notifyJob = (p: NotifyPayload) => ({ queue: 'notify' as const, payload: p });
