// API routes for a list's archive: its months, a month's messages, one message, and search. A
// token may read the archive of the lists it may act on, private archives included.
import { z } from 'zod';
import { CaucusError } from '../../domain/errors.ts';
import type { MailingList } from '../../domain/list.ts';
import type { ArchiveEntry, ApiToken, Store } from '../../store/types.ts';
import { route, type ApiRoute } from './route.ts';
import { apiList } from './lookup.ts';

const ArchiveMessage = z.object({
  number: z.number().int(),
  messageId: z.string(),
  subject: z.string(),
  authorName: z.string(),
  authorAddress: z.string(),
  date: z.string().describe('ISO 8601 time, UTC'),
  month: z.string(),
  threadId: z.string().nullable(),
  parentId: z.string().nullable(),
  isReply: z.boolean(),
  size: z.number().int(),
  attachments: z.array(z.string()),
});

const SearchQuery = z.object({
  q: z.string().max(500).default('').describe('Words to find'),
  from: z.string().max(320).optional(),
  subject: z.string().max(500).optional(),
  order: z.enum(['rank', 'newest']).default('rank'),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const messageOut = (e: ArchiveEntry): z.infer<typeof ArchiveMessage> => ({
  number: e.number, messageId: e.messageId, subject: e.subject, authorName: e.authorName, authorAddress: e.authorAddress,
  date: e.date.toISOString(), month: e.month, threadId: e.threadId, parentId: e.parentId, isReply: e.isReply, size: e.size,
  attachments: e.attachmentNames,
});

async function archiveOf(store: Store, token: ApiToken, ref: string): Promise<MailingList> {
  const l = await apiList(store, token, ref);
  if (l.settings.archivePolicy === 'none') throw new CaucusError('not_found', `${l.address} keeps no archive`);
  return l;
}

export const ARCHIVE_ROUTES: ApiRoute[] = [
  route({
    method: 'get', path: '/lists/{list}/archive/months', summary: 'The months of the archive with their message counts', tag: 'archive',
    response: z.object({ months: z.array(z.object({ month: z.string(), count: z.number().int() })) }), status: 200,
    async handler({ d, token, params }) {
      return { months: await d.store.archiveMonths((await archiveOf(d.store, token, params.list!)).id) };
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/archive/months/{month}', summary: 'The messages of one month (YYYY-MM)', tag: 'archive',
    response: z.object({ messages: z.array(ArchiveMessage) }), status: 200,
    async handler({ d, token, params }) {
      const l = await archiveOf(d.store, token, params.list!);
      if (!/^\d{4}-\d{2}$/.test(params.month!)) throw new CaucusError('invalid', 'a month is written YYYY-MM');
      return { messages: (await d.store.archiveMonthEntries(l.id, params.month!)).filter((e) => !e.hidden).map(messageOut) };
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/archive/messages/{number}', summary: 'One archived message by its number in the list', tag: 'archive',
    response: ArchiveMessage, status: 200,
    async handler({ d, token, params }) {
      const l = await archiveOf(d.store, token, params.list!);
      const n = Number(params.number);
      const e = Number.isSafeInteger(n) ? await d.store.getArchiveEntry(l.id, n) : null;
      if (!e || e.hidden) throw new CaucusError('not_found', `no archived message ${params.number} on ${l.address}`);
      return messageOut(e);
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/archive/search', summary: 'Full-text search of the archive', tag: 'archive', query: SearchQuery,
    response: z.object({ hits: z.array(z.object({ message: ArchiveMessage, snippet: z.string().nullable() })) }), status: 200,
    async handler({ d, token, params, query }) {
      const l = await archiveOf(d.store, token, params.list!);
      const hits = await d.store.searchArchive({
        listIds: [l.id], words: query.q, order: query.order, limit: query.limit, offset: query.offset,
        ...(query.from ? { from: query.from } : {}), ...(query.subject ? { subject: query.subject } : {}),
      });
      return { hits: hits.map((h) => ({ message: messageOut(h.entry), snippet: h.snippet })) };
    },
  }),
];
