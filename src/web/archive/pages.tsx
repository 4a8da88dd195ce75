// The archive's pages as components: the list of archives, a list's months, a month's index by
// thread, date, subject or author, a message, a thread, and search results. Addresses are hidden
// per list everywhere text from a message appears.
import { raw } from 'hono/html';
import type { ArchiveEntry, ArchiveMonth } from '../../store/types.ts';
import { A } from './strings.ts';
import { bodyHtml, escapeHtml } from './body-html.ts';
import { obfuscate, shownAddress, type Obfuscation } from './obfuscate.ts';
import { threadOrder } from './tree.ts';
import { SORTS, monthTitle, type ArchiveUrls, type MonthSort } from './urls.ts';
import type { MessageView } from './message-view.ts';
import { HIT_END, HIT_START } from './search-query.ts';

export const ARCHIVE_STYLE = `
pre.body{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92rem;max-height:none;background:#fff}
.q{color:#3a3a8a;display:block;border-left:3px solid #99c;padding-left:.4rem}.q2{color:#2f6b2f;border-color:#9c9}.q3,.q4{color:#7a3b00;border-color:#cb9}
.sig{color:#666}
ul.idx{padding-left:1rem}ul.idx li{margin:.2rem 0}.d1{margin-left:1.2rem}.d2{margin-left:2.4rem}.d3{margin-left:3.6rem}.d4{margin-left:4.8rem}.deep{margin-left:6rem}
nav.msg{display:grid;gap:.2rem;margin:1rem 0;font-size:.95rem}
mark{background:#fde68a}
`;

export const subjectOf = (e: Pick<ArchiveEntry, 'subject'>, mode: Obfuscation): string => obfuscate(e.subject, mode) || A.noSubject;
export const authorOf = (e: Pick<ArchiveEntry, 'authorName' | 'authorAddress'>, mode: Obfuscation): string =>
  obfuscate(e.authorName, mode) || shownAddress(e.authorAddress, mode) || '?';
const depthClass = (d: number): string => (d === 0 ? '' : d <= 4 ? `d${d}` : 'deep');
/** Dates as Pipermail prints them, in UTC. */
export const showDate = (d: Date): string => d.toUTCString().replace('GMT', 'UTC');

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
      <p><a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

function SortLinks(props: { month: string; urls: ArchiveUrls }) {
  return <p>{A.sortedBy} {SORTS.map((s) => <>[<a href={props.urls.month(props.month, s)}>{A.sortNames[s]}</a>] </>)}</p>;
}

export function MonthIndex(props: { title: string; month: string; sort: MonthSort; entries: ArchiveEntry[]; urls: ArchiveUrls; mode: Obfuscation; infoUrl: string }) {
  const { entries, mode } = props;
  let rows: Array<{ entry: ArchiveEntry; depth: number }>;
  if (props.sort === 'thread') rows = threadOrder(entries);
  else {
    const sorted = entries.slice();
    if (props.sort === 'subject') sorted.sort((a, b) => a.baseSubject.localeCompare(b.baseSubject) || a.date.getTime() - b.date.getTime());
    if (props.sort === 'author') sorted.sort((a, b) => authorOf(a, mode).localeCompare(authorOf(b, mode)) || a.date.getTime() - b.date.getTime());
    rows = sorted.map((entry) => ({ entry, depth: 0 }));
  }
  const first = entries[0];
  const last = entries[entries.length - 1];
  return (
    <>
      <h1>{A.monthTitle(props.title, monthTitle(props.month))} <span class="muted">— {A.sortNames[props.sort]}</span></h1>
      <SortLinks month={props.month} urls={props.urls} />
      {first && last ? <p class="muted">{A.startingEnding(showDate(first.date), showDate(last.date))} · {A.messages(entries.length)}</p> : null}
      <ul class="idx">
        {rows.map(({ entry: e, depth }) => (
          <li class={depthClass(depth)}><a href={props.urls.message(e)}>{subjectOf(e, mode)}</a> <span class="muted">— {authorOf(e, mode)}{props.sort === 'date' ? `, ${showDate(e.date)}` : ''}</span></li>
        ))}
      </ul>
      <SortLinks month={props.month} urls={props.urls} />
      <p><a href={props.urls.list}>{A.monthsTitle(props.title)}</a> · <a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

export interface MessageNav { prevDate: ArchiveEntry | null; nextDate: ArchiveEntry | null; prevThread: ArchiveEntry | null; nextThread: ArchiveEntry | null }

function NavLink(props: { label: string; e: ArchiveEntry | null; urls: ArchiveUrls; mode: Obfuscation }) {
  if (!props.e) return null;
  return <div>{props.label} <a href={props.urls.message(props.e)}>{subjectOf(props.e, props.mode)}</a></div>;
}

export function MessageBody(props: { e: ArchiveEntry; view: MessageView; urls: ArchiveUrls; mode: Obfuscation }) {
  const { e, view, mode } = props;
  return (
    <>
      {view.fromHtml ? <p class="note">{A.fromHtml}</p> : null}
      <pre class="body">{raw(bodyHtml(view.text, mode))}</pre>
      {view.attachments.length ? (
        <><h3>{A.attachments}</h3><ul>{view.attachments.map((a, i) => <li><a href={props.urls.attachment(e, i)}>{obfuscate(a.name, mode)}</a> <span class="muted">({a.type}, {a.content.length} bytes)</span></li>)}</ul></>
      ) : null}
    </>
  );
}

export function MessagePage(props: { e: ArchiveEntry; view: MessageView; nav: MessageNav; thread: Array<{ entry: ArchiveEntry; depth: number }>; urls: ArchiveUrls; mode: Obfuscation; title: string; infoUrl: string }) {
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
      <MessageBody e={e} view={props.view} urls={urls} mode={mode} />
      {props.thread.length > 1 ? (
        <><h2>{A.inThread}</h2>
          <ul class="idx">{props.thread.map(({ entry: t, depth }) => (
            <li class={depthClass(depth)}>{t.id === e.id ? <b>{subjectOf(t, mode)}</b> : <a href={urls.message(t)}>{subjectOf(t, mode)}</a>} <span class="muted">— {authorOf(t, mode)}</span></li>
          ))}</ul>
          <p><a href={urls.thread(e)}>{A.wholeThread}</a></p></>
      ) : null}
      <p class="muted"><a href={urls.permalink(e.messageId)}>{A.permalink}</a> · <a href={urls.raw(e)}>{A.rawView}</a></p>
      <hr />
      <p><a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}

export function ThreadPage(props: { items: Array<{ entry: ArchiveEntry; depth: number; view: MessageView }>; urls: ArchiveUrls; mode: Obfuscation; title: string; infoUrl: string }) {
  const root = props.items[0]?.entry;
  return (
    <>
      <h1>{A.threadTitle(root ? subjectOf(root, props.mode) : '')}</h1>
      {props.items.map(({ entry: e, depth, view }) => (
        <article class={depthClass(Math.min(depth, 4))} id={`m${e.number}`}>
          <h2><a href={props.urls.message(e)}>{subjectOf(e, props.mode)}</a></h2>
          <p><b>{authorOf(e, props.mode)}</b> · <i>{showDate(e.date)}</i></p>
          <MessageBody e={e} view={view} urls={props.urls} mode={props.mode} />
        </article>
      ))}
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
