// The payloads of `digest` jobs: `build` numbers and renders a list's next issue when it is due
// (or forced) and plans its delivery; `deliver` sends one issue to a chunk of digest members.
import { z } from 'zod';

export const BuildDigest = z.object({ type: z.literal('build'), listId: z.number().int(), force: z.boolean().default(false) });
export const DeliverDigest = z.object({
  type: z.literal('deliver'),
  listId: z.number().int(),
  issueId: z.number().int(),
  format: z.enum(['mime', 'plain']),
  recipients: z.array(z.object({ address: z.string(), token: z.string() })).min(1),
  attempt: z.number().int().min(1),
  firstTriedAt: z.number().nullable(),
});
export const DigestPayload = z.discriminatedUnion('type', [BuildDigest, DeliverDigest]);
export type DigestPayload = z.infer<typeof DigestPayload>;
export type DeliverDigest = z.infer<typeof DeliverDigest>;

export const buildDigestJob = (listId: number, force = false) => ({ queue: 'digest' as const, payload: { type: 'build', listId, force } satisfies z.input<typeof BuildDigest> });
