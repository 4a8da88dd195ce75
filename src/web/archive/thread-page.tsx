// A thread page: the outline of the thread (of a big one, the part around the page), then one page of its messages in thread order
// (in full, or in the reader view: new text only), with links to the thread's other pages, its
// Atom feed and its mbox download.
import { raw } from 'hono/html';
import type { ArchiveSummary } from '../../store/types.ts';
import type { Obfuscation } from './obfuscate.ts';
import type { Placed } from './tree.ts';
import type { ArchiveUrls } from './urls.ts';
import type { MessageView } from './message-view.ts';
import { A } from './strings.ts';
import { authorOf, rowsHtml, showDate, subjectOf } from './outline.ts';
import { Attachments, PageLinks } from './pages.tsx';

/** Outlines of threads up to this size are open; bigger ones are folded under their summary. */
const OPEN_OUTLINE = 30;
/**
 * Outlines of threads up to this size list the whole thread; a bigger one lists the messages around
 * the page's own, this many on either side (the page links reach the rest): a thread of a thousand
 * messages would otherwise repeat its whole outline on each of its forty pages.
 */
const WHOLE_OUTLINE = 250;
const OUTLINE_AROUND = 100;

export interface ThreadItem { entry: ArchiveSummary; depth: number; html: string; view: MessageView }

export interface ThreadPageProps {
  outline: readonly Placed[];
  items: readonly ThreadItem[];
  page: number;
  pages: number;
  reader: boolean;
  /** A page of this thread, in the given view. */
  pageUrl(page: number, reader: boolean): string;
  /** Where a message of this thread is shown: an anchor here or on another page. */
  hrefOf(e: ArchiveSummary): string;
  urls: ArchiveUrls;
  mode: Obfuscation;
  title: string;
  infoUrl: string;
}

const Pages = (props: ThreadPageProps) => <PageLinks page={props.page} pages={props.pages} pageUrl={(p) => props.pageUrl(p, props.reader)} label={A.threadPages} />;

export function ThreadPage(props: ThreadPageProps) {
  const { outline, mode, urls } = props;
  const root = outline[0]?.entry;
  const onPage = new Set(props.items.map((i) => i.entry.id));
  let from = 0;
  let to = outline.length;
  if (outline.length > WHOLE_OUTLINE) {
    const at = Math.max(0, outline.findIndex((t) => onPage.has(t.entry.id)));
    from = Math.max(0, at - OUTLINE_AROUND);
    to = Math.min(outline.length, at + props.items.length + OUTLINE_AROUND);
  }
  const shown = from === 0 && to === outline.length ? outline : outline.slice(from, to);
  return (
    <>
      <h1>{A.threadTitle(root ? subjectOf(root, mode) : '')}</h1>
      <p class="muted">{A.threadSize(outline.length)}{props.pages > 1 ? `, ${A.pageOf(props.page, props.pages)}` : ''} ·{' '}
        {props.reader ? <a href={props.pageUrl(props.page, false)}>{A.fullView}</a> : <a href={props.pageUrl(props.page, true)}>{A.readerView}</a>} ·{' '}
        {root ? <><a href={`${urls.thread(root)}/atom.xml`}>{A.threadFeed}</a> · <a href={`${urls.thread(root)}/mbox.gz`}>{A.threadMbox}</a></> : null}</p>
      {props.reader ? <p class="note">{A.readerNote}</p> : null}
      <section aria-labelledby="outline">
        <h2 id="outline">{A.outline}</h2>
        <details open={outline.length <= OPEN_OUTLINE}>
          <summary>{shown === outline ? A.outlineSummary(outline.length, props.pages) : A.outlineWindow(from + 1, to, outline.length, props.pages)}</summary>
          <ul class="idx">{raw(rowsHtml(shown, { hrefOf: props.hrefOf, mode, onPage }))}</ul>
        </details>
      </section>
      <Pages {...props} />
      {props.items.map(({ entry: e, depth, html, view }) => (
        <article class={`msg${depth > 0 ? ` r${Math.min(depth, 4)}` : ''}`} id={`m${e.number}`} aria-labelledby={`h${e.number}`}>
          <h2 id={`h${e.number}`}><a href={urls.message(e)}>{subjectOf(e, mode)}</a></h2>
          <p><b>{authorOf(e, mode)}</b> · <i>{showDate(e.date)}</i></p>
          {view.fromHtml && !props.reader ? <p class="note">{A.fromHtml}</p> : null}
          <div class="body">{raw(html)}</div>
          {props.reader ? null : <Attachments e={e} view={view} urls={urls} mode={mode} />}
        </article>
      ))}
      <Pages {...props} />
      <p><a href={props.infoUrl}>{A.moreInfo(props.title)}</a></p>
    </>
  );
}
