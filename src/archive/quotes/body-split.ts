// Splits a message's decoded text into what full-text search should index (the author's own
// words) and what it should not: quoted text (kept apart, with the attribution that introduces
// it, for quote-based threading), the signature after "-- " (RFC 3676 §4.3), Mailman's list footer,
// and Pipermail's scrubbed-attachment notes (whose file names are returned).
import {
  endsLikeWrote, isOutlookStart, parseGroupwiseLine, parseOutlookHeader, parseWroteLine, type Attribution,
} from './attribution.ts';

export interface QuoteBlock {
  /** The quoted text with one level of `>` removed (deeper levels keep theirs). */
  text: string;
  attribution: Attribution | null;
}

export interface BodySplit {
  /** Text to index: own lines only. */
  text: string;
  quotes: QuoteBlock[];
  /** The first attribution found, if any. */
  attribution: Attribution | null;
  /** File names announced by Pipermail's scrubber ("-------------- next part --------------"). */
  scrubbedAttachments: string[];
}

const QUOTED = /^[ \t]{0,3}>/;
const GROUPWISE_START = /^>>>\s/;
const SIGNATURE = /^-- ?$/;
const MAILMAN_RULE = /^_{20,}\s*$/;
const PIPERMAIL_NEXT_PART = /^-{6,} next part -{6,}\s*$/;
const MAX_LINES = 20_000;
const WROTE_OPENING = /^\s*(?:On|Le|Am|El|Il|Op|Den|Em)\s/i;

function stripOneLevel(line: string): string {
  const gt = line.indexOf('>');
  if (gt < 0 || gt > 3) return line;
  return line.charCodeAt(gt + 1) === 0x20 ? line.slice(gt + 2) : line.slice(gt + 1);
}

function scrubbedNames(lines: readonly string[], from: number): string[] {
  const names: string[] = [];
  let signature = false;
  const close = (): void => {
    if (signature) names.pop();
    signature = false;
  };
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (PIPERMAIL_NEXT_PART.test(l)) { close(); names.push(''); continue; }
    if (names.length === 0) continue;
    const name = /^Name:\s*(.+?)\s*$/.exec(l);
    if (name) names[names.length - 1] = name[1] ?? '';
    else if (/^An HTML attachment was scrubbed/.test(l) && names[names.length - 1] === '') names[names.length - 1] = 'attachment.html';
    // A scrubbed PGP signature was never an attachment for the reader.
    else if (/^Type:\s*application\/(?:pgp|x-pkcs7|pkcs7)-signature/i.test(l)) signature = true;
  }
  close();
  return names;
}

/** A quoted block that opens with an Outlook header ("> -----Original Message-----", "> From: ..."). */
function quotedOutlookHeader(block: string[]): { lines: string[]; attribution: Attribution | null } {
  let i = 0;
  while (i < block.length && (block[i] ?? '').trim() === '') i++;
  if (i >= block.length || !isOutlookStart(block[i] ?? '', block[i + 1])) return { lines: block, attribution: null };
  const h = parseOutlookHeader(block, i);
  return { lines: block.slice(h.bodyFrom), attribution: h.attribution };
}

/**
 * Looks back over the kept lines for an "... wrote:" attribution and removes it. A client may wrap
 * it over up to three lines, so the shortest run starting with "On"/"Le"/"Am"... wins, else the
 * last line alone ("Name wrote:").
 */
function takeWroteAttribution(kept: string[]): Attribution | null {
  let end = kept.length;
  if (end > 0 && (kept[end - 1] ?? '').trim() === '') end--;
  if (end === 0 || !endsLikeWrote(kept[end - 1] ?? '')) return null;
  let span = 1;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    if (WROTE_OPENING.test(kept[end - k] ?? '')) { span = k; break; }
  }
  const a = parseWroteLine(kept.slice(end - span, end).join(' '));
  if (a) kept.length = end - span;
  return a;
}

// Any line that needs a closer look: quotes, signature separator, rules, Outlook/GroupWise
// separators, Pipermail's next-part marker. Text before the first one is kept whole.
const SPECIAL_LINE = /^(?:[ \t]{0,3}>|-- ?\r?$|_{20,}|\s*-{2,}\s*\S[^\n]*-{2,}\s*$|-{6,} next part)/m;

/** Splits decoded body text; see the file comment. */
export function splitBody(body: string): BodySplit {
  const special = SPECIAL_LINE.exec(body);
  if (!special) return { text: body.trim(), quotes: [], attribution: null, scrubbedAttachments: [] };
  // The lines before the first special one go through as one piece, except the last few, which
  // may hold an attribution ("On ... wrote:") for a quote that starts there.
  let head = '';
  let cut = special.index;
  for (let k = 0; k < 4 && cut > 0; k++) {
    const prev = body.lastIndexOf('\n', cut - 2);
    cut = prev < 0 ? 0 : prev + 1;
  }
  head = body.slice(0, cut);
  const lines = body.slice(cut).split('\n', MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  const kept: string[] = head ? [head.replace(/\r?\n$/, '')] : [];
  const quotes: QuoteBlock[] = [];
  let first: Attribution | null = null;
  let scrubbed: string[] = [];
  let own = true; // false after the signature separator: later lines are not the author's prose
  let block: string[] | null = null;
  let blockAttribution: Attribution | null = null;
  const closeBlock = (): void => {
    if (block && block.length > 0) {
      const b = blockAttribution ? { lines: block, attribution: blockAttribution } : quotedOutlookHeader(block);
      quotes.push({ text: b.lines.join('\n').trim(), attribution: b.attribution });
      first ??= b.attribution;
    }
    block = null;
    blockAttribution = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const c = line.charCodeAt(0);
    // Only lines starting with these characters can be special; the rest is prose.
    const maybeSpecial = c === 0x3e || c === 0x2d || c === 0x5f || c === 0x20 || c === 0x09;
    if (maybeSpecial) {
      if (c === 0x2d && PIPERMAIL_NEXT_PART.test(line)) { scrubbed = scrubbedNames(lines, i); break; }
      if (c === 0x5f && MAILMAN_RULE.test(line) && /mailing list/i.test(lines[i + 1] ?? '')) break;
      const gw = c === 0x3e && GROUPWISE_START.test(line) ? parseGroupwiseLine(line) : null;
      if (gw || (c !== 0x3e && isOutlookStart(line, lines[i + 1]))) {
        // Top-posted reply: all that follows is the quoted original.
        closeBlock();
        let from = i + 1;
        let attribution = gw;
        if (!attribution) {
          const h = parseOutlookHeader(lines, i);
          attribution = h.attribution;
          from = h.bodyFrom;
        }
        first ??= attribution;
        const rest = lines.slice(from);
        const scrub = rest.findIndex((l) => PIPERMAIL_NEXT_PART.test(l));
        if (scrub >= 0) scrubbed = scrubbedNames(rest, scrub);
        const end = scrub >= 0 ? scrub : rest.length;
        quotes.push({ text: rest.slice(0, end).join('\n').trim(), attribution });
        break;
      }
      if (c === 0x3e || QUOTED.test(line)) {
        if (!block) {
          block = [];
          blockAttribution = own ? takeWroteAttribution(kept) : null;
        }
        block.push(stripOneLevel(line));
        continue;
      }
    }
    // A blank line inside a quote run does not end the block when quoting resumes right after.
    if (block && line.trim() === '' && QUOTED.test(lines[i + 1] ?? '')) { block.push(''); continue; }
    closeBlock();
    if (c === 0x2d && SIGNATURE.test(line)) { own = false; continue; }
    if (own) kept.push(line);
  }
  closeBlock();
  return { text: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim(), quotes, attribution: first, scrubbedAttachments: scrubbed.slice(0, 100) };
}
