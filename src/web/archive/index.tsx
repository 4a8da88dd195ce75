// The archive on the web: /archives/… (our URLs: months, month indexes, messages by number and by
// Message-ID, threads, search, feeds, downloads) and /pipermail/… (Pipermail's URLs over the same
// pages). Private archives answer 403 to those who may not read them; lists without one, 404.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { listDisplayName, type MailingList } from '../../domain/list.ts';
import type { WebDeps } from '../deps.ts';
import { DOCTYPE, htmlPage, Page } from '../layout.tsx';
import { lookupList, listPath } from '../list-ref.ts';
import { canReadArchive, sessionOf } from '../access.ts';
import { A } from './strings.ts';
import { ARCHIVE_STYLE, ArchiveList, MonthList, type MonthRows } from './pages.tsx';
import { PageCache } from './page-cache.ts';
import { archiveUrls, monthFromPipermail, pipermailUrls, SORTS, type ArchiveUrls, type MonthSort } from './urls.ts';
import { serveListFeed, serveMessagePart, serveMonth, serveSearch, serveThreadPart, type Ctx } from './handlers.tsx';
import { mboxGz } from './feeds.ts';

type Status = 200 | 403 | 404;

async function frame(c: Context, d: WebDeps, title: string, body: Child, status: Status = 200, splice?: { marker: string; bytes: Buffer }): Promise<Response> {
  const session = await sessionOf(c, d);
  c.header('Cache-Control', status === 200 ? 'private, max-age=60' : 'no-store');
  return htmlPage(c, DOCTYPE + (<Page title={title} siteName={d.site.siteName} who={session?.address ?? null}><style dangerouslySetInnerHTML={{ __html: ARCHIVE_STYLE }} />{body}</Page>), status, splice);
}

const notFound = (c: Context, d: WebDeps) => frame(c, d, A.notFound, <p>{A.notFound}</p>, 404);

/** The list a URL names, when its archive may be read here; otherwise the answer to give. */
async function open(c: Context, d: WebDeps, ref: string): Promise<MailingList | Response> {
  const found = await lookupList(d.store, ref);
  if (!found || !('list' in found) || found.list.settings.archivePolicy === 'none') return notFound(c, d);
  if (!(await canReadArchive(c, d, found.list))) return frame(c, d, A.forbiddenTitle, <p class="error">{A.forbidden}</p>, 403);
  return found.list;
}

const segments = (path: string, prefix: string): string[] | null => {
  try {
    return path.slice(prefix.length).split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return null;
  }
};

/** Memory for rendered month indexes when WebDeps does not say (Pipermail's whole months run to 0.5 MB each). */
const MONTH_CACHE_BYTES = 32 << 20;

export function createArchiveRoutes(d: WebDeps): Hono {
  const app = new Hono();
  const monthCache = new PageCache<MonthRows>(d.archivePageCacheBytes ?? MONTH_CACHE_BYTES);
  const ctxOf = (c: Context, list: MailingList, urls: ArchiveUrls): Ctx => ({
    c, d, list, urls, mode: list.settings.addressObfuscation, title: listDisplayName(list), infoUrl: listPath(list),
    page: (title, body, status, splice) => frame(c, d, title, body, status, splice),
    notFound: () => notFound(c, d),
    monthCache,
  });

  app.get('/archives', (c) => c.redirect('/archives/', 301));
  app.get('/archives/', async (c) => {
    const counts = new Map((await d.store.archivedLists()).map((r) => [r.listId, r.count]));
    const lists = (await d.store.listLists())
      .filter((l) => l.settings.archivePolicy === 'public' && counts.has(l.id))
      .map((l) => ({ name: l.name, title: listDisplayName(l), description: l.settings.description, count: counts.get(l.id) ?? 0 }));
    return frame(c, d, A.archivesTitle, <ArchiveList lists={lists} />);
  });
  app.get('/archives/search', async (c) => {
    const lists = (await d.store.listLists()).filter((l) => l.settings.archivePolicy === 'public');
    return serveSearch(c, d, lists, '/archives/search', (title, body, status) => frame(c, d, title, body, status));
  });

  app.get('/archives/:list/*', async (c) => {
    const ref = c.req.param('list');
    const list = await open(c, d, ref);
    if (list instanceof Response) return list;
    const urls = archiveUrls(list.name);
    const x = ctxOf(c, list, urls);
    const seg = segments(c.req.path, `/archives/${encodeURIComponent(ref)}`) ?? segments(c.req.path, `/archives/${ref}`);
    if (!seg) return x.notFound();
    const [a, b, ...rest] = seg;
    if (a === undefined) return x.page(A.monthsTitle(x.title), <MonthList title={x.title} months={await d.store.archiveMonths(list.id)} urls={urls} infoUrl={x.infoUrl} />);
    if (a === 'atom.xml' && b === undefined) return serveListFeed(x);
    if (a === 'search' && b === undefined) return serveSearch(c, d, [list], urls.search, x.page);
    if (a === 'n' && b !== undefined) return serveMessagePart(x, b, rest);
    if (a === 't' && b !== undefined) return serveThreadPart(x, b, rest);
    if (a === 'm' && b !== undefined && rest.length === 0) return serveMessagePart(x, { messageId: b }, []);
    const mbox = /^(\d{4}-\d{2})\.mbox\.gz$/.exec(a);
    if (mbox && b === undefined) return monthDownload(x, mbox[1] ?? '');
    if (/^\d{4}-\d{2}$/.test(a)) {
      if (b === undefined) return c.redirect(urls.month(a, 'thread'));
      if ((SORTS as readonly string[]).includes(b) && rest.length === 0) return serveMonth(x, a, b as MonthSort, false);
    }
    return x.notFound();
  });

  app.get('/pipermail/:list/*', async (c) => {
    const ref = c.req.param('list');
    const list = await open(c, d, ref);
    if (list instanceof Response) return list;
    const urls = pipermailUrls(list.name);
    const x = ctxOf(c, list, urls);
    const seg = segments(c.req.path, `/pipermail/${encodeURIComponent(ref)}`) ?? [];
    const [a, b, ...rest] = seg;
    if (a === undefined) return x.page(A.monthsTitle(x.title), <MonthList title={x.title} months={await d.store.archiveMonths(list.id)} urls={urls} infoUrl={x.infoUrl} />);
    const txt = /^(\d{4}-[A-Za-z]+)\.txt(\.gz)?$/.exec(a);
    if (txt && b === undefined) {
      const month = monthFromPipermail(txt[1] ?? '');
      return month ? monthDownload(x, month) : x.notFound();
    }
    const month = monthFromPipermail(a);
    if (!month || rest.length > 0) return x.notFound();
    if (b === undefined || b === 'index.html') return c.redirect(urls.month(month, 'thread'));
    const sort = /^(thread|date|subject|author)\.html$/.exec(b);
    if (sort) return serveMonth(x, month, sort[1] as MonthSort, true);
    const num = /^(\d{6,})\.html$/.exec(b);
    if (num) return serveMessagePart(x, num[1] ?? '', []);
    return x.notFound();
  });
  return app;
}

async function monthDownload(x: Ctx, month: string): Promise<Response> {
  const entries = await x.d.store.archiveMonthEntries(x.list.id, month);
  if (entries.length === 0) return x.notFound();
  const body = await mboxGz(x.d.store, entries, x.mode);
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'application/gzip', 'Content-Disposition': `attachment; filename="${x.list.name}-${month}.mbox.gz"`, 'X-Content-Type-Options': 'nosniff' } });
}
