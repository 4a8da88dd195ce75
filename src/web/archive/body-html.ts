// A message body as HTML that keeps its layout: every line escaped, addresses hidden per list,
// URLs linked (linkifyjs, http/https only), quoted lines marked by depth, the signature dimmed.
// The result goes inside <pre class="body">, so whitespace and long lines stay as written.
import { find } from 'linkifyjs';
import { obfuscate, type Obfuscation } from './obfuscate.ts';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

function linkLine(line: string): string {
  if (!line.includes('.')) return escapeHtml(line);
  let out = '';
  let at = 0;
  for (const l of find(line, 'url')) {
    if (!/^https?:\/\//i.test(l.href)) continue;
    out += escapeHtml(line.slice(at, l.start));
    out += `<a href="${escapeHtml(l.href)}" rel="nofollow noopener noreferrer">${escapeHtml(l.value)}</a>`;
    at = l.end;
  }
  return out + escapeHtml(line.slice(at));
}

const quoteDepth = (line: string): number => {
  const m = /^(\s?>)+/.exec(line);
  return m ? (m[0].match(/>/g) ?? []).length : 0;
};

/** The body text as the inner HTML of a <pre>. */
export function bodyHtml(text: string, mode: Obfuscation): string {
  const lines = obfuscate(text.replace(/\r\n?/g, '\n'), mode).split('\n');
  const out: string[] = [];
  let inSig = false;
  let depth = 0;
  for (const line of lines) {
    if (line === '-- ' && !inSig) inSig = true;
    const d = inSig ? 0 : Math.min(quoteDepth(line), 4);
    if (d !== depth) {
      if (depth > 0) out.push('</span>');
      if (d > 0) out.push(`<span class="q q${d}">`);
      depth = d;
    }
    out.push(inSig ? `<span class="sig">${linkLine(line)}</span>\n` : `${linkLine(line)}\n`);
  }
  if (depth > 0) out.push('</span>');
  return out.join('');
}
