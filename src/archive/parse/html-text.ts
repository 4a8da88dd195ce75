// Plain text from an HTML-only message, for the search index and quote detection only (display
// sanitises the HTML elsewhere). Block elements become line breaks, blockquotes become ">" lines so
// quote detection still works, scripts and styles are dropped, common entities are decoded.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Removes `<tag ...>...</tag>` spans and comments by scanning, so unclosed ones cost linear time. */
function dropHidden(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let pos = 0;
  const open = /<(script|style|head|title)\b|<!--/g;
  for (let m = open.exec(lower); m; m = open.exec(lower)) {
    if (m.index < pos) continue;
    out.push(html.slice(pos, m.index), ' ');
    const closer = m[1] ? `</${m[1]}` : '-->';
    const end = lower.indexOf(closer, m.index + m[0].length);
    if (end < 0) { pos = html.length; break; }
    const gt = m[1] ? lower.indexOf('>', end) : end + 2;
    pos = gt < 0 ? html.length : gt + 1;
    open.lastIndex = pos;
  }
  out.push(html.slice(pos));
  return out.join('');
}

/** Converts HTML to rough plain text. Linear: no nesting is tracked beyond a blockquote counter. */
export function htmlToPlainText(html: string): string {
  const cleaned = dropHidden(html);
  let depth = 0;
  let out = '';
  let lineStart = true;
  const emit = (text: string): void => {
    for (const ch of text) {
      if (lineStart && ch !== '\n') { out += depth > 0 ? '> '.repeat(depth) : ''; lineStart = false; }
      out += ch;
      if (ch === '\n') lineStart = true;
    }
  };
  // A tag may run to 2,000 characters; an unclosed one then reads as text, in linear time.
  for (const m of cleaned.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]{0,2000}>|[^<]+|</g)) {
    const tag = m[1]?.toLowerCase();
    if (tag === undefined) {
      emit(decodeEntities(m[0].replace(/\s+/g, ' ')));
      continue;
    }
    const closing = m[0][1] === '/';
    if (tag === 'blockquote') { emit('\n'); depth = Math.max(0, depth + (closing ? -1 : 1)); lineStart = true; continue; }
    if (/^(?:br|p|div|tr|li|h[1-6]|pre|table|ul|ol|hr)$/.test(tag)) emit('\n');
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
