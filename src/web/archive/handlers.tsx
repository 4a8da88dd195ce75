// The archive's page handlers: a month index, a message (its raw view and attachments), a thread
// (page, mbox, Atom) and search (page, Atom, mbox). Each opens at most the messages it shows.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { MailingList } from '../../domain/list.ts';
import { listDisplayName } from '../../domain/list.ts';
import type { ArchiveEntry } from '../../store/types.ts';
import type { WebDeps } from '../deps.ts';
import { A } from './strings.ts';
import { MessagePage, MonthIndex, SearchPage, ThreadPage, subjectOf } from './pages.tsx';
import { archiveUrls, monthTitle, type ArchiveUrls, type MonthSort } from './urls.ts';
import { obfuscate, type Obfuscation } from './obfuscate.ts';
import { threadOrder } from './tree.ts';
import { viewMessage } from './message-view.ts';
import { atomFeed, mboxGz } from './feeds.ts';
import { parseSearch } from './search-query.ts';

type PageFn = (title: string, body: Child, status?: 200 | 403 | 404) => Promise<Response>;

export interface Ctx {
  c: Context;
  d: WebDeps;
  list: MailingList;
  urls: ArchiveUrls;
  mode: Obfuscation;
  title: string;
  infoUrl: string;
  page: PageFn;
  notFound(): Promise<Response>;
}

const download = (body: Buffer | string, type: string, name: string): Response =>
  new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`, 'X-Content-Type-Options': 'nosniff' },
  });

export async function serveMonth(x: Ctx, month: string, sort: MonthSort): Promise<Response> {
  const entries = await x.d.store.archiveMonthEntries(x.list.id, month);
  if (entries.length === 0) return x.notFound();
  return x.page(A.monthTitle(x.title, monthTitle(month)), <MonthIndex title={x.title} month={month} sort={sort} entries={entries} urls={x.urls} mode={x.mode} infoUrl={x.infoUrl} />);
}

async function entryOf(x: Ctx, which: string | { messageId: string }): Promise<ArchiveEntry | ArchiveEntry[] | null> {
  if (typeof which !== 'string') {
    const found = await x.d.store.findArchiveEntries(x.list.id, which.messageId.replace(/^<|>$/g, ''));
    return found.length === 0 ? null : found.length === 1 ? found[0]! : found;
  }
  if (!/^\d{1,15}$/.test(which)) return null;
  return x.d.store.getArchiveEntry(x.list.id, Number(which));
}

export async function serveMessagePart(x: Ctx, which: string | { messageId: string }, rest: string[]): Promise<Response> {
  const found = await entryOf(x, which);
  if (!found) return x.notFound();
  if (Array.isArray(found)) {
    return x.page(A.duplicates, <><h1>{A.duplicates}</h1><ul>{found.map((e) => <li><a href={x.urls.message(e)}>{subjectOf(e, x.mode)}</a></li>)}</ul></>);
  }
  const e = found;
  const raw = await x.d.store.getRaw(e.rawId);
  if (!raw) return x.notFound();
  if (rest.length === 1 && rest[0] === 'raw') {
    const text = obfuscate(raw.toString('latin1'), x.mode);
    return new Response(Buffer.from(text, 'latin1').toString('utf8'), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'" } });
  }
  const view = await viewMessage(raw);
  if (rest.length === 2 && rest[0] === 'attachment') {
    const a = /^\d{1,4}$/.test(rest[1] ?? '') ? view.attachments[Number(rest[1])] : undefined;
    return a ? download(a.content, 'application/octet-stream', a.name) : x.notFound();
  }
  if (rest.length > 0) return x.notFound();
  const thread = e.threadId ? threadOrder(await x.d.store.archiveThreadEntries(x.list.id, e.threadId)) : [{ entry: e, depth: 0 }];
  const at = thread.findIndex((t) => t.entry.id === e.id);
  const dates = await x.d.store.archiveDateNeighbours(e);
  const nav = { prevDate: dates.prev, nextDate: dates.next, prevThread: at > 0 ? thread[at - 1]!.entry : null, nextThread: at >= 0 && at + 1 < thread.length ? thread[at + 1]!.entry : null };
  return x.page(subjectOf(e, x.mode), <MessagePage e={e} view={view} nav={nav} thread={thread.slice(0, 300)} urls={x.urls} mode={x.mode} title={x.title} infoUrl={x.infoUrl} />);
}

const MAX_THREAD_PAGE = 200;

export async function serveThreadPart(x: Ctx, which: string, rest: string[]): Promise<Response> {
  const e = await entryOf(x, which);
  if (!e || Array.isArray(e) || !e.threadId) return x.notFound();
  const ordered = threadOrder(await x.d.store.archiveThreadEntries(x.list.id, e.threadId));
  if (rest.length === 1 && rest[0] === 'mbox.gz') return download(await mboxGz(x.d.store, ordered.map((t) => t.entry), x.mode), 'application/gzip', `${x.list.name}-thread-${e.number}.mbox.gz`);
  if (rest.length === 1 && rest[0] === 'atom.xml') {
    const base = x.d.site.baseUrl;
    const xml = atomFeed({ title: subjectOf(e, x.mode), selfUrl: `${base}${x.urls.thread(e)}/atom.xml`, entries: ordered.map((t) => t.entry), linkOf: (m) => `${base}${x.urls.message(m)}`, mode: x.mode, updated: ordered[ordered.length - 1]?.entry.date ?? e.date });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
  }
  if (rest.length > 0) return x.notFound();
  const items = [];
  for (const t of ordered.slice(0, MAX_THREAD_PAGE)) {
    const raw = await x.d.store.getRaw(t.entry.rawId);
    if (raw) items.push({ ...t, view: await viewMessage(raw) });
  }
  return x.page(A.threadTitle(subjectOf(e, x.mode)), <ThreadPage items={items} urls={x.urls} mode={x.mode} title={x.title} infoUrl={x.infoUrl} />);
}

const PER_PAGE = 20;

export async function serveSearch(c: Context, d: WebDeps, allowed: MailingList[], action: string, page: PageFn): Promise<Response> {
  const q = (c.req.query('q') ?? '').slice(0, 500);
  const order = c.req.query('order') === 'newest' ? 'newest' : 'rank';
  const pageNo = Math.max(1, Math.min(500, Number(c.req.query('page')) || 1));
  const format = c.req.query('format');
  const parsed = parseSearch(q);
  const lists = parsed.lists.length ? allowed.filter((l) => parsed.lists.includes(l.name) || parsed.lists.includes(l.address)) : allowed;
  const byId = new Map(lists.map((l) => [l.id, l]));
  const limit = format === 'mbox' || format === 'atom' ? 200 : PER_PAGE + 1;
  const hits = q.trim() ? await d.store.searchArchive({
    listIds: [...byId.keys()], words: parsed.words, from: parsed.from, subject: parsed.subject, before: parsed.before, after: parsed.after,
    hasAttachment: parsed.hasAttachment, order, limit, offset: format ? 0 : (pageNo - 1) * PER_PAGE,
  }) : [];
  const modeOf = (id: number): Obfuscation => byId.get(id)?.settings.addressObfuscation ?? 'hidden';
  const qs = (extra: string) => `${action}?q=${encodeURIComponent(q)}&order=${order}${extra}`;
  if (format === 'mbox') {
    const parts = await Promise.all([...byId.keys()].map((id) => mboxGz(d.store, hits.filter((h) => h.entry.listId === id).map((h) => h.entry), modeOf(id))));
    return new Response(new Uint8Array(Buffer.concat(parts)), { headers: { 'Content-Type': 'application/gzip', 'Content-Disposition': 'attachment; filename="search.mbox.gz"', 'X-Content-Type-Options': 'nosniff' } });
  }
  const urlsOf = (e: ArchiveEntry): ArchiveUrls => archiveUrls(byId.get(e.listId)?.name ?? '');
  if (format === 'atom') {
    const base = d.site.baseUrl;
    const entries = hits.map((h) => h.entry);
    const xml = atomFeed({ title: `${A.searchTitle}: ${q}`, selfUrl: `${base}${qs('&format=atom')}`, entries, linkOf: (e) => `${base}${urlsOf(e).message(e)}`, mode: 'at', updated: entries[0]?.date ?? new Date(0) });
    return new Response(xml.split('\n').map((l) => obfuscate(l, 'at')).join('\n'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
  }
  const shown = hits.slice(0, PER_PAGE).map((h) => ({ ...h, urls: urlsOf(h.entry), mode: modeOf(h.entry.listId), list: listDisplayName(byId.get(h.entry.listId) ?? allowed[0]!) }));
  return page(A.searchTitle, <SearchPage action={action} q={q} order={order} hits={shown} page={pageNo} more={hits.length > PER_PAGE}
    feedUrl={qs('&format=atom')} mboxUrl={qs('&format=mbox')} pageUrl={(p) => qs(`&page=${p}`)} />);
}
