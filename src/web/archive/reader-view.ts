// The reader view of a thread: each message's own new text only. Every quote it removes becomes a
// link to the message it quotes: the one among the given sources (the message's ancestors and
// its neighbours in the thread) whose own text contains the quote's opening words, else its parent.
import type { ArchiveSummary } from '../../store/types.ts';
import { bodyBlocks, quoteDepth, type Block } from './body-blocks.ts';
import { escapeHtml, linesHtml, linesWithin } from './body-html.ts';
import type { Obfuscation } from './obfuscate.ts';
import { A } from './strings.ts';

export interface ReaderSource { entry: ArchiveSummary; blocks: Block[] }

/** What a quote can be compared on: lower-cased words with whitespace collapsed. */
const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** A message's own words, for finding which message a quote came from. */
export function ownText(blocks: readonly Block[]): string {
  return norm(blocks.filter((b) => b.kind === 'text').map((b) => b.lines.join('\n')).join('\n'));
}

const OUTLOOK_HEADER = /^\s*(?:-{2,}.*-{2,}|>>>.*>>>|\*?[A-Za-zÀ-ÿ]+\*?\s*:.*)\s*$/;
const PROBE_CHARS = 60;
const MIN_PROBE = 12;

/** The opening words of a quote, as the quoted message wrote them (its shallowest level only). */
export function quoteProbe(b: Block): string {
  const quoted = b.lines.some((l) => quoteDepth(l) > 0);
  const depths = b.lines.filter((l) => l.trim() !== '').map(quoteDepth);
  const level = quoted ? Math.min(...depths.filter((d) => d > 0)) : 0;
  let probe = '';
  let headerDone = quoted;
  for (const l of b.lines) {
    if (quoted && quoteDepth(l) !== level) { if (probe) break; continue; }
    let t = l;
    for (let k = 0; k < level; k++) t = t.replace(/^[ \t]*>/, '');
    if (!headerDone) {
      if (t.trim() === '' || OUTLOOK_HEADER.test(t)) continue;
      headerDone = true;
    }
    const w = norm(t);
    if (!w) { if (probe) break; continue; }
    probe = probe ? `${probe} ${w}` : w;
    if (probe.length >= PROBE_CHARS) break;
  }
  probe = probe.slice(0, PROBE_CHARS).trim();
  return probe.length >= MIN_PROBE ? probe : '';
}

/** Which source a quote came from: the first whose own text holds the quote's opening words. */
export function quotedSource(b: Block, sources: ReadonlyArray<{ entry: ArchiveSummary; own: string }>): ArchiveSummary | null {
  const probe = quoteProbe(b);
  if (!probe) return null;
  return sources.find((s) => s.own.includes(probe))?.entry ?? null;
}

export interface ReaderLinks {
  /** Where a message is: an anchor on this page, or its own page. */
  hrefOf(e: ArchiveSummary): string;
  whoOf(e: ArchiveSummary): string;
  whenOf(e: ArchiveSummary): string;
}

/**
 * One message's new text as HTML: text blocks, with each quote replaced by a link to the message
 * it quotes (`sources` are tried in order; `parent` when none matches), signatures left out.
 */
export function readerHtml(blocks: readonly Block[], parent: ArchiveSummary | null, sources: ReadonlyArray<{ entry: ArchiveSummary; own: string }>, links: ReaderLinks, mode: Obfuscation,
  limit?: { chars: number; href: string }): string {
  let out = '';
  let left = limit?.chars ?? Infinity;
  const more = limit ? `<p class="more"><a href="${escapeHtml(limit.href)}">${escapeHtml(A.longMessage)}</a></p>` : '';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (left <= 0) return out + more;
    if (b.kind === 'sig') continue;
    if (b.kind === 'text') {
      const next = blocks[i + 1];
      const drop = next?.kind === 'quote' ? next.attributionLines ?? 0 : 0;
      const lines = b.lines.slice(0, b.lines.length - drop);
      while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
      const n = linesWithin(lines, left);
      left = n < lines.length ? 0 : left - lines.reduce((k, l) => k + l.length + 1, 0);
      if (lines.length) out += `<div class="t">${linesHtml(lines.slice(0, n), mode)}</div>`;
      continue;
    }
    const src = quotedSource(b, sources) ?? parent;
    const n = escapeHtml(A.quoteLines(b.lines.length));
    out += src
      ? `<p class="ql">${escapeHtml(A.quoting)} <a href="${escapeHtml(links.hrefOf(src))}">${escapeHtml(A.quotedFrom(links.whoOf(src), links.whenOf(src)))}</a> <span class="muted">(${n})</span></p>`
      : `<p class="ql">${escapeHtml(A.quotingUnknown)} <span class="muted">(${n})</span></p>`;
  }
  if (left <= 0) out += more;
  return out || `<p class="muted">${escapeHtml(A.onlyQuotes)}</p>`;
}
