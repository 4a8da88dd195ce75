// Subjects for display and for grouping: the base subject drops reply/forward markers (Re:, Fwd:,
// Aw:, Sv:, Antw:, Re[2]: ...) and list tags ([list-name]) wherever they were stacked, and folds
// case and whitespace, so "Re: [Jfs-discussion] RE: Foo" and "Foo" group together.

// Marker words: English, German, Scandinavian, Dutch, Finnish, French, Spanish, Italian, Polish.
const MARKER = /^(?:re|fw|fwd|aw|wg|sv|vs|antw|vl|tr|rif|odp|r|enc|res)(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;
// A list tag has no spaces; [PATCH ...] and [RFC ...] style tags are topic, not list, and stay.
const LIST_TAG = /^\[([^\]\s]{1,40})\]\s*/;
const KEEP_TAG = /^(?:patch|rfc|ann|announce|pull|git|resend)/i;

export interface SubjectParts {
  /** The subject without markers and list tags, spacing tidied, case kept. */
  base: string;
  /** Whether a reply/forward marker was present. */
  isReply: boolean;
}

/** Splits a decoded subject; `listTag` (e.g. "Jfs-discussion") is always stripped when given. */
export function subjectParts(subject: string, listTag?: string | null): SubjectParts {
  let s = subject.replace(/\s+/g, ' ').trim();
  let isReply = false;
  const own = listTag ? `[${listTag.toLowerCase()}]` : null;
  for (let guard = 0; guard < 20; guard++) {
    const m = MARKER.exec(s);
    if (m) { s = s.slice(m[0].length); isReply = true; continue; }
    if (own && s.toLowerCase().startsWith(own)) { s = s.slice(own.length).trimStart(); continue; }
    const t = LIST_TAG.exec(s);
    if (t && !KEEP_TAG.test(t[1] ?? '') && s.length > t[0].length) { s = s.slice(t[0].length); continue; }
    break;
  }
  return { base: s.trim(), isReply };
}

/** The key two subjects must share to be grouped: base subject, case-folded. */
export function subjectKey(subject: string, listTag?: string | null): string {
  return subjectParts(subject, listTag).base.toLowerCase();
}
