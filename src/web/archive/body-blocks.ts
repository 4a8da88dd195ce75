// Cuts a message body into the blocks a reader sees, in one pass over its lines: the author's own
// text, quoted runs (`>` lines, and a top-posted original under an Outlook or GroupWise header),
// the attribution line that introduces a quote, and the signature (RFC 3676 §4.3 "-- ") or
// Mailman footer. Both the full body view and the reader view are drawn from these blocks.

export type BlockKind = 'text' | 'quote' | 'sig';

export interface Block {
  kind: BlockKind;
  lines: string[];
  /** For a quote: the attribution that introduced it ("On …, Alice wrote:"), lines joined. */
  attribution?: string;
  /** How many lines at the end of the text block above hold that attribution. */
  attributionLines?: number;
}

const QUOTED = /^[ \t]{0,4}>/;
const SIGNATURE = /^-- ?$/;
const MAILMAN_RULE = /^_{20,}\s*$/;
// The same families the archive's quote analysis knows (archive/quotes/attribution.ts).
const WROTE_END = /(?:\bwrote|\bwrites|\bschrieb|a écrit|escribió|ha scritto|\bskrev|schreef|kirjoitti|napisał|написал\(а\)|написал)\s*:\s*$/i;
const WROTE_START = /^\s*(?:On|Le|Am|El|Il|Op|Den|Em|W dniu)\s/i;
const GROUPWISE = /^>>>\s*\S.*>>>\s*$/;
const OUTLOOK_SEPARATOR = /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande|Alkuperäinen viesti)\s*-{2,}\s*$/i;
// A body longer than this is shown as text from here on, unsplit, so one page stays cheap.
const MAX_LINES = 20_000;

const isBlank = (l: string): boolean => l.trim() === '';

/** How many `>` open a quoted line ("> > x" counts two). */
export function quoteDepth(line: string): number {
  let d = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3e) d++;
    else if (c !== 0x20 && c !== 0x09) break;
  }
  return d;
}

/** The attribution lines ending a text block, joined, and how many lines they take from its end. */
function attributionOf(block: Block | undefined): { text: string; lines: number } | undefined {
  if (!block || block.kind !== 'text') return undefined;
  let end = block.lines.length;
  while (end > 0 && isBlank(block.lines[end - 1]!)) end--;
  if (end === 0 || !WROTE_END.test(block.lines[end - 1]!)) return undefined;
  // A client may wrap "On <date>, <name> wrote:" over up to three lines: the shortest run wins.
  let start = end - 1;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    if (WROTE_START.test(block.lines[end - k]!)) { start = end - k; break; }
  }
  return { text: block.lines.slice(start, end).join(' ').replace(/\s+/g, ' ').trim(), lines: end - start };
}

/** The blocks of a body, in order; blank lines at the edges of a block are left out. */
export function bodyBlocks(text: string): Block[] {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const blocks: Block[] = [];
  let cur = null as Block | null;
  let sig = false;
  const push = (kind: BlockKind, line: string): void => {
    if (!cur || cur.kind !== kind) {
      if (isBlank(line)) {
        if (cur) cur.lines.push(line);
        return;
      }
      cur = { kind, lines: [] };
      if (kind === 'quote') {
        const a = attributionOf(blocks[blocks.length - 1]);
        if (a) { cur.attribution = a.text; cur.attributionLines = a.lines; }
      }
      blocks.push(cur);
    }
    cur.lines.push(line);
  };
  const hasOwnText = (): boolean => blocks.some((b) => b.kind === 'text' && b.lines.some((l) => !isBlank(l)));
  const n = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if ((OUTLOOK_SEPARATOR.test(line) || GROUPWISE.test(line)) && hasOwnText() && !sig) {
      // A top-posted reply: everything below the original's header is the quoted original.
      cur = { kind: 'quote', lines: lines.slice(i, n), attribution: line.trim() };
      blocks.push(cur);
      break;
    }
    if (QUOTED.test(line)) {
      sig = false;
      push('quote', line);
      continue;
    }
    // A blank line between two quoted runs belongs to the quote.
    if (cur?.kind === 'quote' && isBlank(line) && QUOTED.test(lines[i + 1] ?? '')) {
      cur.lines.push(line);
      continue;
    }
    if (!sig && (SIGNATURE.test(line) || (MAILMAN_RULE.test(line) && /mailing list/i.test(lines[i + 1] ?? '')))) sig = true;
    push(sig ? 'sig' : 'text', line);
  }
  if (lines.length > n) blocks.push({ kind: 'text', lines: lines.slice(n) });
  for (const b of blocks) {
    while (b.lines.length > 0 && isBlank(b.lines[b.lines.length - 1]!)) b.lines.pop();
  }
  return blocks.filter((b) => b.lines.length > 0);
}
