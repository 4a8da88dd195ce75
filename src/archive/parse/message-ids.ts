// Message-ID handling (RFC 5322 §3.6.4): ids are kept without angle brackets. References and
// In-Reply-To yield only well-formed `<left@right>` ids, so prose in In-Reply-To ("message from X
// of <date>") and truncated ids are ignored; a bare Message-ID without brackets is accepted.

const BRACKETED = /<([^<>\s@]+@[^<>\s@]+)>/g;
const BARE = /^\s*([^<>\s@]+@[^<>\s@]+)\s*$/;
const MAX_REFERENCES = 100;

function clean(id: string): string {
  return id.replace(/^["']|["']$/g, '');
}

/** All bracketed ids in a header value, in order. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const m of value.matchAll(BRACKETED)) out.push(clean(m[1] ?? ''));
  if (out.length === 0) {
    const b = BARE.exec(value);
    if (b) out.push(clean(b[1] ?? ''));
  }
  return out.filter((s) => s.length > 2 && s.length <= 995);
}

/** The Message-ID header's id, or null when it has none usable. */
export function parseMessageId(value: string | null | undefined): string | null {
  const ids = messageIdsIn(value);
  if (ids.length > 0) return ids[0] ?? null;
  // "<foo>" without "@" still identifies the message for dedup; real archives have them.
  const loose = value ? /<([^<>\s]{3,})>/.exec(value) : null;
  return loose ? (loose[1] ?? null) : null;
}

/**
 * Normalises an id as a user may type it: `<id>`, bare `id`, or `garbage <id> trash` all give
 * `id`. Returns null when nothing looks like an id.
 */
export function normaliseMessageId(input: string): string | null {
  const ids = messageIdsIn(input);
  if (ids.length > 0) return ids[0] ?? null;
  const t = input.trim().replace(/^<|>$/g, '');
  return t && !/\s/.test(t) ? t : null;
}

/** The References list cleaned: duplicates and the message's own id removed, order kept, capped. */
export function cleanReferences(references: string | null | undefined, self: string | null): string[] {
  const ids = messageIdsIn(references);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (id === self || seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  // Keep the first (thread root) and the most recent ones when a chain grew absurdly long.
  if (out.length > MAX_REFERENCES) return [out[0] ?? '', ...out.slice(out.length - (MAX_REFERENCES - 1))];
  return out;
}
