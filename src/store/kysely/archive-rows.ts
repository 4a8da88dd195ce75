// Archive rows ↔ archive types, and the one cleaning PostgreSQL needs: text columns refuse NUL.
import type { Selectable } from 'kysely';
import type { ArchiveEntry, ArchiveLink, ArchiveOverviewFields } from '../types.ts';
import type { ArchiveMessagesTable } from './schema.ts';

/** PostgreSQL text cannot hold U+0000; mail sometimes does. */
export const nz = (s: string): string => (s.includes('\u0000') ? s.replace(/\u0000/g, '') : s);
export const nzn = (s: string | null): string | null => (s === null ? null : nz(s));

const LINKS: readonly ArchiveLink[] = ['in-reply-to', 'references', 'subject', 'quote', 'none'];
export const asLink = (s: string): ArchiveLink => (LINKS as readonly string[]).includes(s) ? (s as ArchiveLink) : 'none';
export const isInferred = (l: ArchiveLink): number => (l === 'subject' || l === 'quote' ? 1 : 0);

/** 'YYYY-MM' of a date, in UTC. */
export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);

export function parseList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function overviewColumns(f: ArchiveOverviewFields) {
  return {
    message_id: nz(f.messageId), synthetic_id: f.syntheticId ? 1 : 0, subject: nz(f.subject), base_subject: nz(f.baseSubject),
    author_name: nz(f.authorName), author_address: nz(f.authorAddress), date: f.date.getTime(), date_source: f.dateSource,
    date_suspect: f.dateSuspect ? 1 : 0, month: monthOf(f.date), in_reply_to: nzn(f.inReplyTo),
    refs: nz(JSON.stringify(f.references)), is_reply: f.isReply ? 1 : 0, size: f.size, attachment_count: f.attachmentCount,
    attachment_names: nz(JSON.stringify(f.attachmentNames)), thread_data: nzn(f.threadData), bad_reason: nzn(f.badReason),
  };
}

export function toEntry(r: Selectable<ArchiveMessagesTable>): ArchiveEntry {
  const link = asLink(r.link);
  return {
    id: Number(r.id), listId: Number(r.list_id), number: Number(r.number), rawId: Number(r.raw_id), fromLine: r.from_line,
    hidden: r.hidden === 1, duplicate: r.duplicate === 1, month: r.month, threadId: r.thread_id, parentId: r.parent_id,
    link, inferred: r.inferred === 1, messageId: r.message_id, syntheticId: r.synthetic_id === 1, subject: r.subject,
    baseSubject: r.base_subject, isReply: r.is_reply === 1, authorName: r.author_name, authorAddress: r.author_address,
    date: new Date(Number(r.date)), dateSource: r.date_source, dateSuspect: r.date_suspect === 1, inReplyTo: r.in_reply_to,
    references: parseList(r.refs), size: Number(r.size), attachmentCount: r.attachment_count,
    attachmentNames: parseList(r.attachment_names), threadData: r.thread_data, badReason: r.bad_reason,
  };
}
