// The `archive` job's payload: which post to archive.
import { z } from 'zod';

export const ArchivePayload = z.object({ listId: z.number().int().positive(), postId: z.number().int().positive() });
export type ArchivePayload = z.infer<typeof ArchivePayload>;
