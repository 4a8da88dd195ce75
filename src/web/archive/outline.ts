// Lists of messages as HTML strings: a thread's outline and the rows of a month index. They can
// hold thousands of rows, so they are written as one string rather than as components.
import type { ArchiveIndexRow, ArchiveSummary } from '../../store/types.ts';
import { escapeHtml } from './body-html.ts';
import { obfuscate, shownAddress, type Obfuscation } from './obfuscate.ts';
import { A } from './strings.ts';
import type { Placed } from './tree.ts';


export const depthClass = (d: number): string => (d === 0 ? '' : d <= 4 ? `d${d}` : 'deep');
export const subjectOf = (e: Pick<ArchiveSummary, 'subject'>, mode: Obfuscation): string => obfuscate(e.subject, mode) || A.noSubject;
export const authorOf = (e: Pick<ArchiveSummary, 'authorName' | 'authorAddress'>, mode: Obfuscation): string =>
  obfuscate(e.authorName, mode) || shownAddress(e.authorAddress, mode) || '?';
/** Dates as Pipermail prints them, in UTC. */
export const showDate = (d: Date): string => d.toUTCString().replace('GMT', 'UTC');
/** A short date for lists: 2019-06-03 10:00. */
export const shortDate = (d: Date): string => (Number.isNaN(d.getTime()) ? '?' : d.toISOString().slice(0, 16).replace('T', ' '));

export interface RowOptions<T extends ArchiveIndexRow = ArchiveSummary> {
  hrefOf(e: T): string;
  mode: Obfuscation;
  /** The message the page is about: shown in bold, not linked. */
  currentId?: number;
  /** Messages shown in full on this page (a thread page): marked. */
  onPage?: ReadonlySet<number>;
  /** Add the date after the author (date indexes and outlines). */
  withDate?: boolean;
}

/** `<li>` rows of messages, indented by depth. */
export function rowsHtml<T extends ArchiveIndexRow>(rows: ReadonlyArray<Placed<T>>, o: RowOptions<T>): string {
  const parts: string[] = [];
  for (const { entry: e, depth } of rows) {
    const cls = depthClass(depth);
    const here = o.onPage?.has(e.id) ? ' here' : '';
    const subject = escapeHtml(subjectOf(e, o.mode));
    const link = e.id === o.currentId ? `<b aria-current="page">${subject}</b>` : `<a href="${escapeHtml(o.hrefOf(e))}">${subject}</a>`;
    const when = o.withDate ? `, ${shortDate(e.date)}` : '';
    parts.push(`<li${cls || here ? ` class="${`${cls}${here}`.trim()}"` : ''}>${link} <span class="muted">— ${escapeHtml(authorOf(e, o.mode))}${when}</span></li>`);
  }
  return parts.join('\n');
}
