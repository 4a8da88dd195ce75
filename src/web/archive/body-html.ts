// A message body as HTML that keeps its layout: every line escaped, addresses hidden per list,
// http(s) URLs linked, quoted runs in <details> (long ones folded, so they open without script),
// quote depth marked, the signature dimmed. The result goes inside <div class="body">, whose
// style keeps whitespace and wraps long lines softly in a monospace font.
import { obfuscate, type Obfuscation } from './obfuscate.ts';
import { bodyBlocks, quoteDepth, type Block } from './body-blocks.ts';
import { A } from './strings.ts';

const HTML_SPECIAL = /[&<>"']/;

export const escapeHtml = (s: string): string =>
  !HTML_SPECIAL.test(s) ? s : s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f]+/gi;
const TRAILING = '.,;:!?\'"*_]}';
const count = (s: string, c: string): number => s.split(c).length - 1;

/** A URL's end as a reader means it: trailing punctuation is prose, unless a ")" closes a "(" of the URL. */
function trimUrl(url: string): string {
  let u = url;
  while (u.length > 0) {
    const last = u[u.length - 1]!;
    if (last === ')' ? count(u, '(') >= count(u, ')') : !TRAILING.includes(last)) return u;
    u = u.slice(0, -1);
  }
  return u;
}

/** An address in a link is part of its path (lore's Message-ID URLs); in userinfo it is not linked at all. */
function linkTarget(url: string, mode: Obfuscation): string | null {
  if (!url.includes('@') || mode === 'none') return url;
  if (mode === 'hidden') return null;
  const host = url.indexOf('/', url.indexOf('//') + 2);
  if (url.lastIndexOf('@', host < 0 ? url.length : host) > 0) return null;
  return url.replace(/@/g, '%40');
}

/** One line as HTML: text escaped with addresses hidden, URLs linked. */
export function lineHtml(line: string, mode: Obfuscation): string {
  if (!line.includes('://')) return escapeHtml(obfuscate(line, mode));
  let out = '';
  let at = 0;
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(line); m; m = URL_RE.exec(line)) {
    const url = trimUrl(m[0]);
    const target = linkTarget(url, mode);
    URL_RE.lastIndex = m.index + url.length;
    if (target === null) continue;
    out += escapeHtml(obfuscate(line.slice(at, m.index), mode));
    out += `<a href="${escapeHtml(target)}" rel="nofollow noopener noreferrer">${escapeHtml(obfuscate(url, mode))}</a>`;
    at = m.index + url.length;
  }
  return out + escapeHtml(obfuscate(line.slice(at), mode));
}

export const linesHtml = (lines: readonly string[], mode: Obfuscation): string => lines.map((l) => lineHtml(l, mode)).join('\n');

/** Quotes longer than this are folded; shorter ones stay open. */
export const FOLD_LINES = 10;

/** A quoted run's lines, with deeper levels marked so each level has its own colour. */
function quoteLinesHtml(lines: readonly string[], mode: Obfuscation): string {
  let out = '';
  let depth = -1;
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const body = linesHtml(run, mode);
    out += depth > 1 ? `<span class="q${Math.min(depth, 4)}">${body}</span>` : body;
    run = [];
  };
  for (const line of lines) {
    const d = line.trim() === '' ? depth : quoteDepth(line);
    if (d !== depth && run.length) {
      flush();
      out += '\n';
    }
    depth = d;
    run.push(line);
  }
  flush();
  return out;
}

/** The first words of a quote, for its summary line. */
function quoteGist(b: Block, mode: Obfuscation): string {
  for (const l of b.lines) {
    const t = l.replace(/^[\s>]+/, '').trim();
    if (t && t !== b.attribution) return escapeHtml(obfuscate(t.length > 70 ? `${t.slice(0, 70)}…` : t, mode));
  }
  return '';
}

export function quoteSummary(b: Block, mode: Obfuscation): string {
  const gist = quoteGist(b, mode);
  return `${escapeHtml(A.quoteLines(b.lines.length))}${gist ? `: <span class="gist">${gist}</span>` : ''}`;
}

export interface BodyLimits {
  /** Quotes longer than this many lines are left out, with a link to where they are shown. */
  quoteLines: number;
  /** Past this many characters the rest is left out, with the same link. */
  chars: number;
  /** The message's own page, where it is shown whole. */
  href: string;
}

/** How many of `lines` fit in `budget` characters (at least one, so every block shows something). */
export function linesWithin(lines: readonly string[], budget: number): number {
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    used += lines[i]!.length + 1;
    if (used > budget) return Math.max(1, i);
  }
  return lines.length;
}

/** The body text as the inner HTML of <div class="body">; `limits` keep a page of many messages small. */
export function bodyHtml(text: string, mode: Obfuscation, limits?: BodyLimits): string {
  let out = '';
  let left = limits?.chars ?? Infinity;
  const more = (label: string): string => (limits ? `<p class="more"><a href="${escapeHtml(limits.href)}">${escapeHtml(label)}</a></p>` : '');
  for (const b of bodyBlocks(text)) {
    if (left <= 0) return `${out}${more(A.longMessage)}`;
    if (b.kind === 'quote') {
      const summary = `<summary>${quoteSummary(b, mode)}</summary>`;
      if (limits && b.lines.length > limits.quoteLines) {
        out += `<details class="q">${summary}${more(A.longQuote)}</details>`;
        continue;
      }
      const open = b.lines.length <= FOLD_LINES ? ' open' : '';
      left -= b.lines.reduce((n, l) => n + l.length + 1, 0);
      out += `<details class="q"${open}>${summary}<div class="qt">${quoteLinesHtml(b.lines, mode)}</div></details>`;
      continue;
    }
    const n = linesWithin(b.lines, left);
    const html = linesHtml(n < b.lines.length ? b.lines.slice(0, n) : b.lines, mode);
    left = n < b.lines.length ? 0 : left - b.lines.reduce((k, l) => k + l.length + 1, 0);
    out += b.kind === 'text' ? `<div class="t">${html}</div>` : `<div class="sig">${html}</div>`;
  }
  return left <= 0 && limits ? `${out}${more(A.longMessage)}` : out;
}
