// What bulk threading reads of a list's archive: only the columns placement needs, page by page in
// placement order (date, then number), each page one range of the (list_id, date) index that
// starts where the last one ended (keyset paging: no OFFSET, no full list in memory).
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { ArchiveThreadCursor, ArchiveThreadRow } from '../types.ts';
import { parseList } from './archive-rows.ts';

export async function threadRows(db: Kysely<DB>, listId: number, after: ArchiveThreadCursor | null, limit: number): Promise<ArchiveThreadRow[]> {
  let q = db.selectFrom('archive_messages')
    .select(['id', 'number', 'message_id', 'in_reply_to', 'refs', 'date', 'base_subject', 'is_reply', 'author_name', 'author_address', 'thread_data'])
    .where('list_id', '=', listId).where('bad_reason', 'is', null);
  if (after) {
    const t = after.date.getTime();
    // The date bound alone is the index range; the OR only drops the earlier rows of that date.
    q = q.where('date', '>=', t).where((eb) => eb.or([eb('date', '>', t), eb('number', '>', after.number)]));
  }
  const rows = await q.orderBy('date').orderBy('number').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id), number: Number(r.number), messageId: r.message_id, inReplyTo: r.in_reply_to, references: parseList(r.refs),
    date: new Date(Number(r.date)), baseSubject: r.base_subject, isReply: r.is_reply === 1, authorName: r.author_name,
    authorAddress: r.author_address, threadData: r.thread_data,
  }));
}
