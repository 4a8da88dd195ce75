// Links between archive pages, in two URL schemes over the same pages: our own
// (/archives/L/…, numbers and Message-IDs) and Pipermail's (/pipermail/L/2019-June/000123.html),
// so a list moved here keeps every old link.
import type { ArchiveEntry } from '../../store/types.ts';

export type MonthSort = 'thread' | 'date' | 'subject' | 'author';
export const SORTS: readonly MonthSort[] = ['thread', 'date', 'subject', 'author'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2019-06' → '2019-June' (Pipermail's period name). */
export function pipermailMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y}-${MONTHS[Number(m) - 1] ?? m}`;
}

/** '2019-June' → '2019-06', or null. */
export function monthFromPipermail(name: string): string | null {
  const m = /^(\d{4})-([A-Za-z]+)$/.exec(name);
  if (!m) return null;
  const i = MONTHS.indexOf(m[2] ?? '');
  return i < 0 ? null : `${m[1]}-${String(i + 1).padStart(2, '0')}`;
}

export const monthTitle = (month: string): string => pipermailMonth(month).replace('-', ' ').split(' ').reverse().join(' ');

export interface ArchiveUrls {
  lists: string;
  list: string;
  month(month: string, sort: MonthSort): string;
  message(e: Pick<ArchiveEntry, 'number' | 'month'>): string;
  /** A message linked from its own month's index pages: relative, as Pipermail writes them. */
  fromMonth(e: Pick<ArchiveEntry, 'number' | 'month'>): string;
  thread(e: Pick<ArchiveEntry, 'number'>): string;
  monthMbox(month: string): string;
  search: string;
  /** The list's Atom feed of its newest messages. */
  feed: string;
  permalink(messageId: string): string;
  attachment(e: Pick<ArchiveEntry, 'number'>, i: number): string;
  raw(e: Pick<ArchiveEntry, 'number'>): string;
}

const enc = encodeURIComponent;

export function archiveUrls(listName: string): ArchiveUrls {
  const base = `/archives/${enc(listName)}`;
  return {
    lists: '/archives/',
    list: `${base}/`,
    month: (m, sort) => `${base}/${m}/${sort}`,
    message: (e) => `${base}/n/${e.number}`,
    fromMonth: (e) => `../n/${e.number}`,
    thread: (e) => `${base}/t/${e.number}`,
    monthMbox: (m) => `${base}/${m}.mbox.gz`,
    search: `${base}/search`,
    feed: `${base}/atom.xml`,
    permalink: (id) => `${base}/m/${enc(id)}`,
    attachment: (e, i) => `${base}/n/${e.number}/attachment/${i}`,
    raw: (e) => `${base}/n/${e.number}/raw`,
  };
}

export const pad6 = (n: number): string => String(n).padStart(6, '0');

export function pipermailUrls(listName: string): ArchiveUrls {
  const own = archiveUrls(listName);
  const base = `/pipermail/${enc(listName)}`;
  return {
    ...own,
    list: `${base}/`,
    month: (m, sort) => `${base}/${pipermailMonth(m)}/${sort}.html`,
    message: (e) => `${base}/${pipermailMonth(e.month)}/${pad6(e.number)}.html`,
    fromMonth: (e) => `${pad6(e.number)}.html`,
    monthMbox: (m) => `${base}/${pipermailMonth(m)}.txt.gz`,
  };
}
