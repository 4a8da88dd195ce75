// Export of a list's archive as mboxrd (RFC 4155), in archive-number order: each message's
// original From_ line (when it came with one) and its raw bytes, so an imported mbox comes back
// byte for byte.
import type { Store } from '../../store/types.ts';
import { formatMboxrd } from '../readers/mboxrd-writer.ts';

const PAGE = 500;

export interface ExportOptions { month?: string; includeHidden?: boolean }

/** mboxrd chunks, one per message, streamed page by page. */
export async function* exportArchive(store: Store, listId: number, opts: ExportOptions = {}): AsyncGenerator<Buffer> {
  for (let after = -1; ;) {
    const page = await store.archiveEntriesAfter(listId, after, PAGE, opts.month);
    if (page.length === 0) return;
    for (const e of page) {
      if (e.hidden && !opts.includeHidden) continue;
      const raw = await store.getRaw(e.rawId);
      if (!raw) continue;
      yield formatMboxrd({ raw, fromLine: e.fromLine ?? undefined, sender: e.authorAddress || null, date: e.date });
    }
    after = page[page.length - 1]!.number;
  }
}
