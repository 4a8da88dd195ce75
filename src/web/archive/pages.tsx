// The archive's pages as components: the list of archives, a list's months, a month's index by
// thread, date, subject or author, a message, a thread, and search results. Addresses are hidden
// per list everywhere text from a message appears.
import { raw } from 'hono/html';
import type { ArchiveEntry, ArchiveIndexRow, ArchiveMonth, ArchiveSummary } from '../../store/types.ts';
import { A } from './strings.ts';
import { bodyHtml, escapeHtml } from './body-html.ts';
import { obfuscate, shownAddress, type Obfuscation } from './obfuscate.ts';
import type { Placed } from './tree.ts';
import { SORTS, monthTitle, type ArchiveUrls, type MonthSort } from './urls.ts';
import type { MessageView } from './message-view.ts';
import { HIT_END, HIT_START } from './search-query.ts';
import { authorOf, rowsHtml, showDate, subjectOf } from './outline.ts';

export { authorOf, showDate, subjectOf } from './outline.ts';

// Colours keep a contrast of at least 4.5:1 on white (WCAG 2.1 AA); the body wraps long lines
// softly (pre-wrap) so no page scrolls sideways on a phone.
export const ARCHIVE_STYLE = `
main{overflow-wrap:break-word}.cards p{overflow-wrap:anywhere}
.body{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92rem;line-height:1.45;margin:1rem 0}
.body .t,.body .sig,.body details{margin:0 0 .8em}
.body .sig{color:#555}
details.q{border-left:3px solid #6b6bb3;padding-left:.5rem;color:#2e2e7a}
details.q summary{cursor:pointer;font-family:system-ui,sans-serif;font-size:.85rem;color:#333;white-space:normal}
details.q[open] summary{margin-bottom:.3em}
.gist{font-style:italic}
.q2{color:#1f5c1f}.q3,.q4{color:#6b3300}
.ql{font-family:system-ui,sans-serif;font-size:.9rem;border-left:3px solid #6b6bb3;padding-left:.5rem;margin:0 0 .8em;white-space:normal}
ul.idx{padding-left:1rem}ul.idx li{margin:.2rem 0}.d1{margin-left:1.2rem}.d2{margin-left:2.4rem}.d3{margin-left:3.6rem}.d4{margin-left:4.8rem}.deep{margin-left:6rem}
ul.idx li.here{background:#eef3fd}
article.msg{border-top:1px solid #bbb;margin-top:1.5rem}
article.msg.r1{margin-left:.6rem}article.msg.r2{margin-left:1.2rem}article.msg.r3{margin-left:1.8rem}article.msg.r4{margin-left:2.4rem}
nav.msg{display:grid;gap:.2rem;margin:1rem 0;font-size:.95rem}
nav.pages{display:flex;flex-wrap:wrap;gap:.3rem .8rem;margin:1rem 0}
mark{background:#fde68a}
@media (max-width:40rem){.d1,.d2,.d3,.d4,.deep{margin-left:.6rem}article.msg.r1,article.msg.r2,article.msg.r3,article.msg.r4{margin-left:0}}
`;

export function ArchiveList(props: { lists: Array<{ name: string; title: string; description: string; count: number }> }) {
  return (
    <>
      <h1>{A.archivesTitle}</h1>
      <p>{A.archivesIntro}</p>
      <form action="/archives/search" method="get" role="search"><label for="q">{A.searchAll}</label> <input id="q" name="q" /> <button>{A.searchLabel}</button></form>
      {props.lists.length === 0 ? <p>{A.archivesNone}</p> : (
        <ul class="cards">{props.lists.map((l) => <li><h2 style="margin:0"><a href={`/archives/${encodeURIComponent(l.name)}/`}>{l.title}</a></h2><div class="muted">{A.messages(l.count)}</div>{l.description ? <p>{l.description}</p> : null}</li>)}</ul>
      )}
    </>
  );
}

export function MonthList(props: { title: string; months: ArchiveMonth[]; urls: ArchiveUrls; infoUrl: string }) {
  return (
    <>
      <h1>{A.monthsTitle(props.title)}</h1>
      <form action={props.urls.search} method="get" role="search"><label for="q">{A.searchLabel}</label> <input id="q" name="q" /> <button>{A.searchLabel}</button></form>
      {props.months.length === 0 ? <p>{A.monthsNone}</p> : (
        <div class="scroll"><table><thead><tr><th>Month</th><th>{A.sortedBy}</th><th class="opt">{A.downloadMonth}</th></tr></thead><tbody>
          {props.months.map((m) => (
            <tr><td>{monthTitle(m.month)}<br /><span class="muted">{A.messages(m.count)}</span></td>
              <td>{SORTS.map((s) => <>[<a href={props.urls.month(m.month, s)}>{A.sortNames[s]}</a>] </>)}</td>
              <td class="opt"><a href={props.urls.monthMbox(m.month)}>{props.urls.monthMbox(m.month).split('/').pop()}</a></td></tr>
          ))}
        </tbody></table></div>
      )}
      <p><a href={props.urls.feed}>{A.listFeed(props.title)}</a> · <a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

function SortLinks(props: { month: string; urls: ArchiveUrls }) {
  return <p>{A.sortedBy} {SORTS.map((s) => <>[<a href={props.urls.month(props.month, s)}>{A.sortNames[s]}</a>] </>)}</p>;
}

/** Links to the pages of a month index or a thread: all when few, else the ends and those near. */
export function PageLinks(props: { page: number; pages: number; pageUrl: (p: number) => string; label: string }) {
  const { page, pages } = props;
  if (pages <= 1) return null;
  const shown = [...Array(pages).keys()].map((i) => i + 1).filter((p) => pages <= 12 || p === 1 || p === pages || Math.abs(p - page) <= 3);
  return (
    <nav class="pages" aria-label={props.label}>
      {page > 1 ? <a href={props.pageUrl(page - 1)} rel="prev">{A.prevPage}</a> : null}
      {shown.map((p, i) => <>{i > 0 && p - shown[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}{p === page ? <b aria-current="page">{A.pageN(p)}</b> : <a href={props.pageUrl(p)}>{A.pageN(p)}</a>}</>)}
      {page < pages ? <a href={props.pageUrl(page + 1)} rel="next">{A.nextPage}</a> : null}
    </nav>
  );
}

/**
 * The rows of one page of a month index, rendered: the costly part of the page, kept by PageCache
 * and in the store. As UTF-8 bytes, spliced into the page around them (MONTH_ROWS), so that half a
 * megabyte of rows is neither copied into the page's string nor encoded again on every read.
 */
export interface MonthRows {
  html: Buffer;
  count: number;
  first: Date | null;
  last: Date | null;
}

/** Where a month index page takes its rows' bytes: text a page's escaped content cannot contain. */
export const MONTH_ROWS = '<!--month rows-->';

export function monthRows(rows: ReadonlyArray<Placed<ArchiveIndexRow>>, sort: MonthSort, urls: ArchiveUrls, mode: Obfuscation): MonthRows {
  return {
    html: Buffer.from(rowsHtml(rows, { hrefOf: (e) => urls.fromMonth(e), mode, withDate: sort === 'date' }), 'utf8'),
    count: rows.length, first: rows[0]?.entry.date ?? null, last: rows[rows.length - 1]?.entry.date ?? null,
  };
}

export function MonthIndex(props: {
  title: string; month: string; sort: MonthSort; rows: MonthRows; total: number; offset: number; page: number; pages: number;
  pageUrl: (p: number) => string; urls: ArchiveUrls; infoUrl: string;
}) {
  const { first, last } = props.rows;
  const range = props.pages > 1 ? A.rowsOf(props.offset + 1, props.offset + props.rows.count, props.total) : A.messages(props.total);
  return (
    <>
      <h1>{A.monthTitle(props.title, monthTitle(props.month))} <span class="muted">— {A.sortNames[props.sort]}</span></h1>
      <SortLinks month={props.month} urls={props.urls} />
      <p class="muted">{props.sort === 'date' && first && last ? <>{A.startingEnding(showDate(first), showDate(last))} · </> : null}{range} · <a href={props.urls.monthMbox(props.month)}>{A.monthMbox}</a></p>
      <PageLinks page={props.page} pages={props.pages} pageUrl={props.pageUrl} label={A.monthPages} />
      {props.sort === 'thread' && props.pages > 1 ? <p class="muted">{A.threadsByPage}</p> : null}
      <ul class="idx">{raw(MONTH_ROWS)}</ul>
      <PageLinks page={props.page} pages={props.pages} pageUrl={props.pageUrl} label={A.monthPages} />
      <SortLinks month={props.month} urls={props.urls} />
      <p><a href={props.urls.list}>{A.monthsTitle(props.title)}</a> · <a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

export interface MessageNav { prevDate: ArchiveSummary | null; nextDate: ArchiveSummary | null; prevThread: ArchiveSummary | null; nextThread: ArchiveSummary | null }

function NavLink(props: { label: string; e: ArchiveSummary | null; urls: ArchiveUrls; mode: Obfuscation }) {
  if (!props.e) return null;
  return <div>{props.label} <a href={props.urls.message(props.e)}>{subjectOf(props.e, props.mode)}</a></div>;
}

export function Attachments(props: { e: Pick<ArchiveSummary, 'number'>; view: MessageView; urls: ArchiveUrls; mode: Obfuscation }) {
  const { e, view, mode } = props;
  if (view.attachments.length === 0) return null;
  return (
    <><h3>{A.attachments}</h3><ul>{view.attachments.map((a, i) => <li><a href={props.urls.attachment(e, i)}>{obfuscate(a.name, mode)}</a> <span class="muted">({a.type}, {A.attachmentSize(a.size)})</span></li>)}</ul></>
  );
}

export function MessageBody(props: { e: Pick<ArchiveSummary, 'number'>; view: MessageView; urls: ArchiveUrls; mode: Obfuscation }) {
  const { view, mode } = props;
  return (
    <>
      {view.fromHtml ? <p class="note">{A.fromHtml}</p> : null}
      <div class="body">{raw(bodyHtml(view.text, mode))}</div>
      <Attachments {...props} />
    </>
  );
}

/** Around this many messages of a big thread are listed on a message page, centred on it. */
const OUTLINE_WINDOW = 40;

function ThreadOutline(props: { e: ArchiveSummary; thread: readonly Placed[]; urls: ArchiveUrls; mode: Obfuscation }) {
  const { e, thread, urls } = props;
  const at = Math.max(0, thread.findIndex((t) => t.entry.id === e.id));
  const from = thread.length <= OUTLINE_WINDOW * 2 ? 0 : Math.max(0, Math.min(at - OUTLINE_WINDOW, thread.length - OUTLINE_WINDOW * 2));
  const shown = thread.slice(from, from + OUTLINE_WINDOW * 2);
  const threadUrl = urls.thread(e);
  return (
    <section aria-labelledby="in-thread">
      <h2 id="in-thread">{A.inThread}</h2>
      <p class="muted">{shown.length < thread.length ? A.threadWindow(shown.length, thread.length) : A.threadSize(thread.length)}</p>
      <ul class="idx">{raw(rowsHtml(shown, { hrefOf: (t) => urls.message(t), mode: props.mode, currentId: e.id }))}</ul>
      <p><a href={`${threadUrl}#m${e.number}`}>{A.wholeThread}</a> · <a href={`${threadUrl}?view=reader#m${e.number}`}>{A.readerView}</a></p>
    </section>
  );
}

export function MessagePage(props: { e: ArchiveEntry; view: MessageView; nav: MessageNav; thread: readonly Placed[]; urls: ArchiveUrls; mode: Obfuscation; title: string; infoUrl: string }) {
  const { e, mode, urls } = props;
  const addr = shownAddress(e.authorAddress, mode);
  return (
    <>
      <h1>{subjectOf(e, mode)}</h1>
      <p><b>{obfuscate(e.authorName, mode) || addr}</b>{addr && e.authorName ? <> <span>{addr}</span></> : null}<br />
        <i>{showDate(e.date)}</i>{e.dateSuspect ? ' (?)' : ''}{e.inferred ? <> <span class="muted">{A.inferred}</span></> : null}</p>
      <nav class="msg" aria-label="Messages">
        <NavLink label={A.prevDate} e={props.nav.prevDate} urls={urls} mode={mode} />
        <NavLink label={A.nextDate} e={props.nav.nextDate} urls={urls} mode={mode} />
        <NavLink label={A.prevThread} e={props.nav.prevThread} urls={urls} mode={mode} />
        <NavLink label={A.nextThread} e={props.nav.nextThread} urls={urls} mode={mode} />
        <div>{A.sortedBy} {SORTS.map((s) => <>[<a href={urls.month(e.month, s)}>{A.sortNames[s]}</a>] </>)}</div>
      </nav>
      <section aria-label={A.bodyLabel}><MessageBody e={e} view={props.view} urls={urls} mode={mode} /></section>
      {props.thread.length > 1 ? <ThreadOutline e={e} thread={props.thread} urls={urls} mode={mode} /> : null}
      <p class="muted"><a href={urls.permalink(e.messageId)}>{A.permalink}</a> · <a href={urls.raw(e)}>{A.rawView}</a></p>
      <hr />
      <p><a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

/** A snippet with its hit marks turned into <mark>, everything else escaped. */
function snippetHtml(s: string, mode: Obfuscation): string {
  return escapeHtml(obfuscate(s, mode)).split(HIT_START).join('<mark>').split(HIT_END).join('</mark>');
}

export function SearchPage(props: {
  action: string; q: string; order: 'rank' | 'newest'; hits: Array<{ entry: ArchiveEntry; snippet: string | null; urls: ArchiveUrls; mode: Obfuscation; list: string }>;
  page: number; more: boolean; feedUrl: string; mboxUrl: string; pageUrl: (p: number) => string;
}) {
  return (
    <>
      <h1>{A.searchTitle}</h1>
      <form action={props.action} method="get" role="search">
        <div class="field"><label for="q">{A.searchLabel}</label> <input id="q" name="q" value={props.q} size={40} /><span class="help">{A.searchHelp}</span></div>
        <div class="field"><label for="order">{A.searchOrder}</label> <select id="order" name="order"><option value="rank" selected={props.order === 'rank'}>{A.orderRank}</option><option value="newest" selected={props.order === 'newest'}>{A.orderNewest}</option></select> <button>{A.searchLabel}</button></div>
      </form>
      {props.q && props.hits.length === 0 ? <p>{A.searchNone}</p> : null}
      <ul class="cards">{props.hits.map((h) => (
        <li><a href={h.urls.message(h.entry)}>{subjectOf(h.entry, h.mode)}</a> <span class="muted">— {authorOf(h.entry, h.mode)}, {showDate(h.entry.date)} · {h.list}</span>
          {h.snippet ? <p>{raw(snippetHtml(h.snippet, h.mode))}</p> : null}</li>
      ))}</ul>
      <div class="pager">{props.page > 1 ? <a href={props.pageUrl(props.page - 1)}>{A.prevPage}</a> : null}{props.more ? <a href={props.pageUrl(props.page + 1)}>{A.nextPage}</a> : null}</div>
      {props.q ? <p class="muted"><a href={props.feedUrl}>{A.searchAtom}</a> · <a href={props.mboxUrl}>{A.searchMbox}</a></p> : null}
    </>
  );
}
