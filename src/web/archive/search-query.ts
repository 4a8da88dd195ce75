// Reads a search box: free words and "phrases" for the full-text index, and the operators
// from:, subject:, list:, before:, after: (YYYY-MM-DD) and has:attachment as filters.
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export interface ParsedSearch {
  words: string;
  from?: string;
  subject?: string;
  lists: string[];
  before?: Date;
  after?: Date;
  hasAttachment: boolean;
}

const day = (s: string): Date | undefined => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? '1')));
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export function parseSearch(q: string): ParsedSearch {
  const out: ParsedSearch = { words: '', lists: [], hasAttachment: false };
  const words: string[] = [];
  for (const m of q.slice(0, 500).matchAll(/(\w+):("([^"]*)"|\S+)|"([^"]*)"|(\S+)/g)) {
    const key = m[1]?.toLowerCase();
    const value = m[3] ?? m[2] ?? '';
    if (key === 'from') out.from = value;
    else if (key === 'subject') out.subject = value;
    else if (key === 'list') out.lists.push(value.toLowerCase());
    else if (key === 'before') out.before = day(value);
    else if (key === 'after') out.after = day(value);
    else if (key === 'has' && value.toLowerCase() === 'attachment') out.hasAttachment = true;
    else if (m[4] !== undefined) { if (m[4].trim()) words.push(`"${m[4].trim()}"`); }
    else words.push((m[0] ?? '').replace(/"/g, ''));
  }
  out.words = words.join(' ');
  return out;
}
