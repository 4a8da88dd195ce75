// The archive's page handlers: a month index, a message (its raw view and attachments), a thread
// (page, mbox, Atom) and search (page, Atom, mbox). Each opens at most the messages it shows.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { MailingList } from '../../domain/list.ts';
import { listDisplayName } from '../../domain/list.ts';
import type { ArchiveEntry, ArchiveSummary } from '../../store/types.ts';
import type { WebDeps } from '../deps.ts';
import { A } from './strings.ts';
import { MONTH_ROWS, MessagePage, MonthIndex, SearchPage, authorOf, subjectOf, type MonthRows } from './pages.tsx';
import { decodeMonthPage, monthPageVariant, renderMonthRows } from './month-pages.ts';
import type { PageCache } from './page-cache.ts';
import { ThreadPage, type ThreadItem } from './thread-page.tsx';
import { archiveUrls, monthTitle, type ArchiveUrls, type MonthSort } from './urls.ts';
import { obfuscate, type Obfuscation } from './obfuscate.ts';
import { threadOrder, type Placed } from './tree.ts';
import { attachmentContent, viewMessage, type MessageView } from './message-view.ts';
import { bodyHtml, escapeHtml } from './body-html.ts';
import { bodyBlocks, type Block } from './body-blocks.ts';
import { ownText, readerHtml } from './reader-view.ts';
import { shortDate } from './outline.ts';
import { atomFeed, mboxGz } from './feeds.ts';
import { parseSearch } from './search-query.ts';

type PageFn = (title: string, body: Child, status?: 200 | 403 | 404, splice?: { marker: string; bytes: Buffer }) => Promise<Response>;

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
  /** Month index rows already rendered, by list, URL scheme, month, order, page and address hiding. */
  monthCache: PageCache<MonthRows>;
}

const download = (body: Buffer | string, type: string, name: string): Response =>
  new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`, 'X-Content-Type-Options': 'nosniff' },
  });

/**
 * Rows on one page of a month index under /archives/. Pipermail's own URLs (thread.html, …) list
 * the whole month on one page as Pipermail did, since links and habits depend on them.
 */
export const MONTH_PAGE = 500;

export async function serveMonth(x: Ctx, month: string, sort: MonthSort, whole: boolean): Promise<Response> {
  const state = await x.d.store.archiveMonthState(x.list.id, month);
  if (!state) return x.notFound();
  const total = state.count;
  const pages = whole ? 1 : Math.ceil(total / MONTH_PAGE);
  const asked = x.c.req.query('page');
  const page = whole || asked === undefined ? 1 : /^\d{1,6}$/.test(asked) ? Number(asked) : 0;
  if (page < 1 || page > pages) return x.notFound();
  const offset = whole ? 0 : (page - 1) * MONTH_PAGE;
  const key = `${x.list.id}\n${x.urls.list}\n${month}\n${sort}\n${whole ? 'whole' : page}\n${x.mode}`;
  // Rows read after the generation: a kept page may be newer than its generation, never older.
  const rows = await x.monthCache.get(key, state.generation, async () => {
    // A whole month (Pipermail's pages) kept rendered in the store at this generation is read back.
    const variant = monthPageVariant(sort, x.mode);
    const kept = whole ? await x.d.store.archiveMonthPage(x.list.id, month, variant) : null;
    const value = kept && kept.generation === state.generation
      ? decodeMonthPage(kept)
      : await renderMonthRows(x.d.store, x.list.id, month, sort, x.urls, x.mode, offset, whole ? Number.MAX_SAFE_INTEGER : MONTH_PAGE);
    return { value, bytes: value.html.length + 200 };
  });
  return x.page(A.monthTitle(x.title, monthTitle(month)), <MonthIndex title={x.title} month={month} sort={sort} rows={rows} total={total} offset={offset}
    page={page} pages={pages} pageUrl={(p) => `${x.urls.month(month, sort)}?page=${p}`} urls={x.urls} infoUrl={x.infoUrl} />, 200, { marker: MONTH_ROWS, bytes: rows.html });
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
  if (rest.length === 2 && rest[0] === 'attachment') {
    const a = /^\d{1,4}$/.test(rest[1] ?? '') ? attachmentContent(raw, Number(rest[1])) : null;
    return a ? download(a.content, 'application/octet-stream', a.name) : x.notFound();
  }
  if (rest.length > 0) return x.notFound();
  const view = viewMessage(raw);
  const [thread, dates] = await Promise.all([
    e.threadId ? x.d.store.archiveThreadSummaries(x.list.id, e.threadId).then(threadOrder) : Promise.resolve([{ entry: e as ArchiveSummary, depth: 0 }]),
    x.d.store.archiveDateNeighbours(e),
  ]);
  const at = thread.findIndex((t) => t.entry.id === e.id);
  const nav = { prevDate: dates.prev, nextDate: dates.next, prevThread: at > 0 ? thread[at - 1]!.entry : null, nextThread: at >= 0 && at + 1 < thread.length ? thread[at + 1]!.entry : null };
  return x.page(subjectOf(e, x.mode), <MessagePage e={e} view={view} nav={nav} thread={thread} urls={x.urls} mode={x.mode} title={x.title} infoUrl={x.infoUrl} />);
}

/** How many of the newest messages the list's Atom feed carries. */
const LIST_FEED_SIZE = 50;

/** RFC 4287 feed of a list's newest messages, newest first. */
export async function serveListFeed(x: Ctx): Promise<Response> {
  const hits = await x.d.store.searchArchive({ listIds: [x.list.id], words: '', order: 'newest', limit: LIST_FEED_SIZE, offset: 0 });
  const entries = hits.map((h) => h.entry);
  const base = x.d.site.baseUrl;
  const xml = atomFeed({ title: A.latestTitle(x.title), selfUrl: `${base}${x.urls.feed}`, entries, linkOf: (m) => `${base}${x.urls.message(m)}`, mode: x.mode, updated: latest(entries, new Date(0)) });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}

/** Messages in full on one thread page; the outline always lists the whole thread. */
export const THREAD_PAGE = 25;
/** A thread page does not open a message bigger than this (a whole patch series, a log): it links to it. */
const THREAD_MAX_BYTES = 256 * 1024;
/** On a thread page a message shows at most this much; its own page shows it whole. */
const THREAD_BODY_LIMITS = { quoteLines: 200, chars: 100_000 };
/** How far up a message's ancestry the reader view looks for the message a quote came from. */
const QUOTE_ANCESTORS = 6;
/** At most this many messages off the page are opened to find where quotes came from. */
const MAX_EXTRA_SOURCES = 40;

const latest = (entries: readonly ArchiveSummary[], fallback: Date): Date =>
  entries.reduce((d, m) => (m.date.getTime() > d.getTime() ? m.date : d), entries[0]?.date ?? fallback);

export async function serveThreadPart(x: Ctx, which: string, rest: string[]): Promise<Response> {
  const e = await entryOf(x, which);
  if (!e || Array.isArray(e) || !e.threadId) return x.notFound();
  const ordered = threadOrder(await x.d.store.archiveThreadSummaries(x.list.id, e.threadId));
  const root: ArchiveSummary = ordered[0]?.entry ?? e;
  if (rest.length === 1 && rest[0] === 'mbox.gz') return download(await mboxGz(x.d.store, ordered.map((t) => t.entry), x.mode), 'application/gzip', `${x.list.name}-thread-${root.number}.mbox.gz`);
  if (rest.length === 1 && rest[0] === 'atom.xml') {
    const base = x.d.site.baseUrl;
    const entries = ordered.map((t) => t.entry);
    const xml = atomFeed({ title: subjectOf(root, x.mode), selfUrl: `${base}${x.urls.thread(root)}/atom.xml`, entries, linkOf: (m) => `${base}${x.urls.message(m)}`, mode: x.mode, updated: latest(entries, e.date) });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
  }
  if (rest.length > 0) return x.notFound();
  const reader = x.c.req.query('view') === 'reader';
  const pages = Math.max(1, Math.ceil(ordered.length / THREAD_PAGE));
  const pageOf = new Map(ordered.map((t, i) => [t.entry.id, Math.floor(i / THREAD_PAGE) + 1]));
  const asked = x.c.req.query('page');
  // Without ?page= the page holding the message named in the URL, so /t/N#mN lands on N.
  const page = asked === undefined ? pageOf.get(e.id) ?? 1 : /^\d{1,6}$/.test(asked) ? Number(asked) : 0;
  if (page < 1 || page > pages) return x.notFound();
  const base = x.urls.thread(root);
  const pageUrl = (p: number, r: boolean): string => `${base}?page=${p}${r ? '&view=reader' : ''}`;
  const hrefOf = (m: ArchiveSummary): string => {
    const p = pageOf.get(m.id);
    return p === page ? `#m${m.number}` : p ? `${pageUrl(p, reader)}#m${m.number}` : x.urls.message(m);
  };
  const slice = ordered.slice((page - 1) * THREAD_PAGE, page * THREAD_PAGE);
  const views = await openViews(x, slice.map((t) => t.entry), THREAD_MAX_BYTES);
  const items: ThreadItem[] = [];
  if (!reader) {
    for (const t of slice) {
      const view = views.get(t.entry.id);
      if (view) items.push({ ...t, view, html: bodyHtml(view.text, x.mode, { ...THREAD_BODY_LIMITS, href: x.urls.message(t.entry) }) });
      else if (t.entry.size > THREAD_MAX_BYTES) items.push(largeItem(x, t));
    }
  } else items.push(...(await readerItems(x, ordered, slice, views, hrefOf)));
  return x.page(A.threadTitle(subjectOf(root, x.mode)), <ThreadPage outline={ordered} items={items} page={page} pages={pages} reader={reader}
    pageUrl={pageUrl} hrefOf={hrefOf} urls={x.urls} mode={x.mode} title={x.title} infoUrl={x.infoUrl} />);
}

/** Opens the given messages (their raw bytes and text), by entry id; those over `maxBytes` stay shut. */
async function openViews(x: Ctx, entries: readonly ArchiveSummary[], maxBytes = Infinity): Promise<Map<number, MessageView>> {
  const open = entries.filter((m) => m.size <= maxBytes);
  const raws = open.length > 0 ? await x.d.store.getRaws(open.map((m) => m.rawId)) : new Map<number, Buffer>();
  const out = new Map<number, MessageView>();
  for (const m of open) {
    const raw = raws.get(m.rawId);
    if (raw) out.set(m.id, viewMessage(raw));
  }
  return out;
}

/** A message too big to open on a thread page: a link to its own page instead. */
const largeItem = (x: Ctx, t: Placed): ThreadItem => ({
  ...t, view: { text: '', fromHtml: false, attachments: [] },
  html: `<p class="more"><a href="${escapeHtml(x.urls.message(t.entry))}">${escapeHtml(A.largeMessage(A.attachmentSize(t.entry.size)))}</a></p>`,
});

/**
 * The reader view of one page: each message's blocks, its quotes matched against its ancestors
 * (opened when they are on other pages) and the messages before it on this page.
 */
async function readerItems(x: Ctx, ordered: readonly Placed[], slice: readonly Placed[], views: Map<number, MessageView>, hrefOf: (e: ArchiveSummary) => string): Promise<ThreadItem[]> {
  const byMessageId = new Map<string, ArchiveSummary>();
  for (const t of ordered) if (!t.entry.duplicate && !byMessageId.has(t.entry.messageId)) byMessageId.set(t.entry.messageId, t.entry);
  const ancestors = (m: ArchiveSummary): ArchiveSummary[] => {
    const out: ArchiveSummary[] = [];
    for (let p = m.parentId ? byMessageId.get(m.parentId) : undefined; p && out.length < QUOTE_ANCESTORS && p !== m; p = p.parentId ? byMessageId.get(p.parentId) : undefined) {
      if (out.includes(p)) break;
      out.push(p);
    }
    return out;
  };
  const missing = [...new Map(slice.flatMap((t) => ancestors(t.entry)).filter((a) => !views.has(a.id)).map((a) => [a.id, a])).values()].slice(0, MAX_EXTRA_SOURCES);
  for (const [id, v] of await openViews(x, missing, THREAD_MAX_BYTES)) views.set(id, v);
  const blocks = new Map<number, Block[]>();
  const own = new Map<number, string>();
  const blocksOf = (id: number): Block[] => {
    let b = blocks.get(id);
    if (!b) {
      b = bodyBlocks(views.get(id)?.text ?? '');
      blocks.set(id, b);
    }
    return b;
  };
  const ownOf = (id: number): string => {
    let o = own.get(id);
    if (o === undefined) {
      o = ownText(blocksOf(id));
      own.set(id, o);
    }
    return o;
  };
  const links = { hrefOf, whoOf: (m: ArchiveSummary) => authorOf(m, x.mode), whenOf: (m: ArchiveSummary) => shortDate(m.date) };
  const items: ThreadItem[] = [];
  slice.forEach((t, i) => {
    const view = views.get(t.entry.id);
    if (!view) {
      if (t.entry.size > THREAD_MAX_BYTES) items.push(largeItem(x, t));
      return;
    }
    const chain = ancestors(t.entry);
    const before = slice.slice(0, i).map((s) => s.entry).filter((m) => !chain.includes(m) && m.date.getTime() <= t.entry.date.getTime()).reverse();
    const sources = [...chain, ...before].filter((m) => views.has(m.id)).map((m) => ({ entry: m, own: ownOf(m.id) }));
    const html = readerHtml(blocksOf(t.entry.id), chain[0] ?? null, sources, links, x.mode, { chars: THREAD_BODY_LIMITS.chars, href: x.urls.message(t.entry) });
    items.push({ ...t, view, html });
  });
  return items;
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
  const urlsOf = (e: Pick<ArchiveSummary, 'listId'>): ArchiveUrls => archiveUrls(byId.get(e.listId)?.name ?? '');
  if (format === 'atom') {
    const base = d.site.baseUrl;
    const entries = hits.map((h) => h.entry);
    // The query may hold an address: it is hidden as the strictest of the lists searched would.
    const modes = [...byId.keys()].map(modeOf);
    const strictest: Obfuscation = modes.includes('hidden') ? 'hidden' : modes.includes('at') ? 'at' : 'none';
    const xml = atomFeed({ title: `${A.searchTitle}: ${obfuscate(q, strictest)}`, selfUrl: `${base}${qs('&format=atom')}`, entries, linkOf: (e) => `${base}${urlsOf(e).message(e)}`,
      mode: (e) => modeOf(e.listId), updated: latest(entries, new Date(0)) });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
  }
  const shown = hits.slice(0, PER_PAGE).map((h) => ({ ...h, urls: urlsOf(h.entry), mode: modeOf(h.entry.listId), list: listDisplayName(byId.get(h.entry.listId) ?? allowed[0]!) }));
  return page(A.searchTitle, <SearchPage action={action} q={q} order={order} hits={shown} page={pageNo} more={hits.length > PER_PAGE}
    feedUrl={qs('&format=atom')} mboxUrl={qs('&format=mbox')} pageUrl={(p) => qs(`&page=${p}`)} />);
}
