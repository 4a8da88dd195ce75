// Pipermail's whole-month pages kept rendered in the store (archive_month_pages), as Pipermail kept
// its static thread.html, date.html, subject.html and author.html: rendering a month of thousands
// of messages costs tens of milliseconds, reading it back one. A kept page carries the month's
// generation read before its rows, and is served only while that is still the month's generation.
// The worker's `archive-pages` job renders a list's months whose pages are missing or older: after
// an import, a reindex, or a post archived. Until it has, a reader gets the page rendered then.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { z } from 'zod';
import type { MailingList } from '../../domain/list.ts';
import type { ArchiveMonthPage, Store } from '../../store/types.ts';
import { monthRows, type MonthRows } from './pages.tsx';
import type { Obfuscation } from './obfuscate.ts';
import { threadOrder } from './tree.ts';
import { pipermailUrls, SORTS, type ArchiveUrls, type MonthSort } from './urls.ts';

/** The `archive-pages` job: render the list's month pages that are missing or out of date. */
export const ArchivePagesPayload = z.object({ listId: z.number().int().positive() });
export type ArchivePagesPayload = z.infer<typeof ArchivePagesPayload>;

/** How long after a post the job runs, so that a burst of posts renders its month once or twice. */
export const ARCHIVE_PAGES_DELAY_MS = 10_000;

/** A kept page's variant: Pipermail's URLs, one order, one way of hiding addresses. */
export const monthPageVariant = (sort: MonthSort, mode: Obfuscation): string => `pipermail ${sort} ${mode}`;

/**
 * The rows of a month index: the whole month (Pipermail) or one page of it. A thread index page is
 * a slice of the month by date in reply order, so a thread crossing a page break goes on over the next.
 */
export async function renderMonthRows(store: Store, listId: number, month: string, sort: MonthSort, urls: ArchiveUrls, mode: Obfuscation, offset: number, limit: number): Promise<MonthRows> {
  const found = await store.archiveMonthRows(listId, month, sort === 'thread' ? 'date' : sort, offset, limit);
  const placed = sort === 'thread' ? threadOrder(found) : found.map((entry) => ({ entry, depth: 0 }));
  return monthRows(placed, sort, urls, mode);
}

export function encodeMonthPage(rows: MonthRows, generation: number): ArchiveMonthPage {
  const html = brotliCompressSync(rows.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  return { generation, rows: rows.count, first: rows.first, last: rows.last, html };
}

export const decodeMonthPage = (p: ArchiveMonthPage): MonthRows =>
  ({ html: brotliDecompressSync(p.html), count: p.rows, first: p.first, last: p.last });

/** Renders and keeps every whole-month page of the list that is missing or older than its month; returns how many. */
export async function keepMonthPages(store: Store, list: MailingList): Promise<number> {
  const mode = list.settings.addressObfuscation;
  const urls = pipermailUrls(list.name);
  let kept = 0;
  // Each month's generation is read (by the stale query) before its rows: a page kept here may be
  // newer than its generation says, never older.
  // A stale month gets its four orders rendered again: a change to a month reaches all of them.
  for (const { month, generation } of await store.archiveStaleMonthPages(list.id, SORTS.map((s) => monthPageVariant(s, mode)))) {
    for (const sort of SORTS) {
      const rows = await renderMonthRows(store, list.id, month, sort, urls, mode, 0, Number.MAX_SAFE_INTEGER);
      await store.putArchiveMonthPage(list.id, month, monthPageVariant(sort, mode), encodeMonthPage(rows, generation));
      kept++;
    }
  }
  return kept;
}
