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

/** Converts HTML to rough plain text. Linear: no nesting is tracked beyond a blockquote counter. */
export function htmlToPlainText(html: string): string {
  const cleaned = html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
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
  for (const m of cleaned.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+|</g)) {
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
