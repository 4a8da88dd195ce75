// Splits a message's decoded text into what full-text search should index (the author's own
// words) and what it should not: quoted text (kept apart, with the attribution that introduces
// it, for quote-based threading), the signature after "-- " (RFC 3676 §4.3), Mailman's list footer,
// and Pipermail's scrubbed-attachment notes (whose file names are returned).
import {
  endsLikeWrote, isOutlookStart, parseGroupwiseLine, parseOutlookHeader, parseWroteLine, wroteLineOnly, type Attribution,
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

const QUOTED = /^[ \t]{0,4}>/;
const GROUPWISE_START = /^>>>\s/;
const SIGNATURE = /^-- ?$/;
const MAILMAN_RULE = /^_{20,}\s*$/;
const PIPERMAIL_NEXT_PART = /^-{6,} next part -{6,}\s*$/;
const MAX_LINES = 20_000;
const WROTE_OPENING = /^\s*(?:On|Le|Am|El|Il|Op|Den|Em)\s/i;

function stripOneLevel(line: string): string {
  const gt = line.indexOf('>');
  if (gt < 0 || gt > 4) return line;
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

/** Own lines, kept as ranges of the body so that unquoted prose is never split into strings. */
class KeptText {
  /** Flat [start, end) pairs of runs of whole lines. */
  private readonly spans: number[] = [];
  /** The last few kept lines, for looking back at an attribution. */
  private readonly recent: Array<[number, number]> = [];

  constructor(private readonly body: string) {}

  add(start: number, end: number): void {
    const n = this.spans.length;
    if (n > 0 && this.spans[n - 1] === start - 1) this.spans[n - 1] = end;
    else this.spans.push(start, end);
    this.recent.push([start, end]);
    if (this.recent.length > 6) this.recent.shift();
  }

  /** The last `k` kept lines (fewer when not known), oldest first. */
  lastLines(k: number): string[] {
    return this.recent.slice(-k).map(([a, b]) => this.body.slice(a, b));
  }

  /** Forgets the last `k` kept lines. */
  dropLast(k: number): void {
    const gone = this.recent.splice(this.recent.length - k, k);
    const from = gone[0]?.[0];
    if (from === undefined) return;
    while (this.spans.length > 0 && (this.spans[this.spans.length - 2] ?? 0) >= from) this.spans.length -= 2;
    const n = this.spans.length;
    if (n > 0 && (this.spans[n - 1] ?? 0) > from - 1) this.spans[n - 1] = from - 1;
  }

  /** Whether anything but whitespace was kept. */
  hasText(): boolean {
    for (let i = 0; i < this.spans.length; i += 2) {
      if (/\S/.test(this.body.slice(this.spans[i], this.spans[i + 1]))) return true;
    }
    return false;
  }

  text(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.spans.length; i += 2) parts.push(this.body.slice(this.spans[i], this.spans[i + 1]));
    return parts.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

/**
 * Looks back over the kept lines for an "... wrote:" attribution and removes it. A client may wrap
 * it over up to three lines, so the shortest run starting with "On"/"Le"/"Am"... wins, else the
 * last line alone ("Name wrote:").
 */
function takeWroteAttribution(kept: KeptText, parse = true): Attribution | null {
  const tail = kept.lastLines(4);
  let end = tail.length;
  if (end > 0 && (tail[end - 1] ?? '').trim() === '') end--;
  if (end === 0 || !endsLikeWrote(tail[end - 1] ?? '')) return null;
  let span = 1;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    if (WROTE_OPENING.test(tail[end - k] ?? '')) { span = k; break; }
  }
  const line = tail.slice(end - span, end).join(' ');
  const a = parse ? parseWroteLine(line) : wroteLineOnly(line);
  if (a) kept.dropLast(tail.length - (end - span));
  return a;
}

// Any line that needs a closer look: quotes, signature separator, rules, Outlook/GroupWise
// separators, Pipermail's next-part marker. Text before the first one is kept whole.
const SPECIAL_LINE = /^(?:[ \t]{0,4}>|-- ?$|_{20,}|[ \t]*-{2,}[ \t]*\S[^\n]{0,60}-{2,}[ \t]*$|-{6,} next part)/m;

export interface SplitOptions {
  /**
   * Build the quote blocks' text and read their "… wrote:" attributions (default true). Without,
   * quotes and attribution lines are still left out of `text`, and a "wrote" attribution keeps its
   * line only (no name, address or date): quote threading reads them only for messages whose
   * headers name no parent, and parsing the date of every reply's attribution cost more than the
   * rest of the split.
   */
  quotes?: boolean;
}

/** Splits decoded body text; see the file comment. */
export function splitBody(input: string, options: SplitOptions = {}): BodySplit {
  const body = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const special = SPECIAL_LINE.exec(body);
  if (!special) return { text: body.trim(), quotes: [], attribution: null, scrubbedAttachments: [] };
  const collect = options.quotes !== false;
  const kept = new KeptText(body);
  // Lines before the first special one go through whole, except the last few, which may hold an
  // attribution ("On ... wrote:") for a quote that starts there.
  let pos = special.index;
  for (let k = 0; k < 4 && pos > 0; k++) {
    const prev = body.lastIndexOf('\n', pos - 2);
    pos = prev < 0 ? 0 : prev + 1;
  }
  if (pos > 0) kept.add(0, pos - 1);
  const quotes: QuoteBlock[] = [];
  let first: Attribution | null = null;
  let scrubbed: string[] = [];
  let own = true; // false after the signature separator: later lines are not the author's prose
  let block: string[] | null = null;
  let blockAttribution: Attribution | null = null;
  const closeBlock = (): void => {
    if (block) {
      const b = blockAttribution || !collect ? { lines: block, attribution: blockAttribution } : quotedOutlookHeader(block);
      if (collect) quotes.push({ text: b.lines.join('\n').trim(), attribution: b.attribution });
      else if (b.attribution) quotes.push({ text: '', attribution: b.attribution });
      first ??= b.attribution;
    }
    block = null;
    blockAttribution = null;
  };
  const n = body.length;
  while (pos < n) {
    let eol = body.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const start = pos;
    pos = eol + 1;
    const c = body.charCodeAt(start);
    // Only lines starting with these characters can be special; the rest is prose.
    const maybeSpecial = c === 0x3e || c === 0x2d || c === 0x5f || c === 0x20 || c === 0x09;
    const line = maybeSpecial ? body.slice(start, eol) : '';
    if (maybeSpecial) {
      if (c === 0x2d && PIPERMAIL_NEXT_PART.test(line)) { scrubbed = scrubbedNames(body.slice(start).split('\n'), 0); break; }
      if (c === 0x5f && MAILMAN_RULE.test(line) && /mailing list/i.test(nextLine(body, pos))) break;
      const gw = c === 0x3e && GROUPWISE_START.test(line) ? parseGroupwiseLine(line) : null;
      if (gw || (c !== 0x3e && isOutlookStart(line, nextLine(body, pos)))) {
        closeBlock();
        const rest = body.slice(start).split('\n', MAX_LINES);
        let from = 1;
        let attribution = gw;
        if (!attribution) {
          const h = parseOutlookHeader(rest, 0);
          attribution = h.attribution;
          from = h.bodyFrom;
        }
        first ??= attribution;
        if (!kept.hasText()) {
          // Nothing written above it: an inline reply under the original's header, so what
          // follows is read line by line like any other body.
          for (let k = 1; k < from; k++) pos = body.indexOf('\n', pos) + 1 || n;
          continue;
        }
        // Top-posted reply: all that follows is the quoted original.
        const scrub = rest.findIndex((l) => PIPERMAIL_NEXT_PART.test(l));
        if (scrub >= 0) scrubbed = scrubbedNames(rest, scrub);
        const end = scrub >= 0 ? scrub : rest.length;
        quotes.push({ text: collect ? rest.slice(from, end).join('\n').trim() : '', attribution });
        break;
      }
      if (c === 0x3e || QUOTED.test(line)) {
        if (!block) {
          block = [];
          blockAttribution = own ? takeWroteAttribution(kept, collect) : null;
        }
        if (collect) block.push(stripOneLevel(line));
        continue;
      }
    }
    // A blank line inside a quote run does not end the block when quoting resumes right after.
    if (block && isBlank(body, start, eol) && QUOTED.test(nextLine(body, pos))) {
      if (collect) block.push('');
      continue;
    }
    closeBlock();
    if (c === 0x2d && SIGNATURE.test(line)) { own = false; continue; }
    if (own) kept.add(start, eol);
  }
  closeBlock();
  return { text: kept.text(), quotes, attribution: first, scrubbedAttachments: scrubbed.slice(0, 100) };
}

function nextLine(body: string, from: number): string {
  if (from >= body.length) return '';
  const eol = body.indexOf('\n', from);
  return body.slice(from, eol < 0 ? Math.min(body.length, from + 200) : Math.min(eol, from + 200));
}

function isBlank(body: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
