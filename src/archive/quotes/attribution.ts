// Reply attributions: the line a mail client writes above what it quotes. Three families:
// "On <date>, <name> wrote:" (and its translations), GroupWise's ">>> user at host 1/9/2007 1:21 AM >>>",
// and Outlook's "-----Original Message-----" followed by From:/Sent:/To:/Subject: lines.
import { parseDateText } from '../date-text.ts';
import { parseAuthor } from '../parse/author.ts';

export type AttributionStyle = 'wrote' | 'groupwise' | 'outlook';

export interface Attribution {
  style: AttributionStyle;
  /** The attribution as written (lines joined with a space). */
  line: string;
  name: string | null;
  address: string | null;
  /** When the quoted message was sent, as far as the line says. */
  date: Date | null;
  /** Whether `date` had a time of day / a zone (without a zone it is the quoter's local time). */
  timeKnown: boolean;
  zoneKnown: boolean;
}

const WROTE_END = /(?:\bwrote|\bwrites|\bschrieb|a écrit|escribió|ha scritto|\bskrev|schreef|kirjoitti|napisał|написал\(а\)|написал)\s*:\s*$/i;
const WROTE_START = /^(?:On|Le|Am|El|Il|Op|Den|Em|W dniu)\s+/i;
const GROUPWISE = /^>>>\s*(.+?)\s+(\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)\s*>>>\s*$/;
const OUTLOOK_SEPARATOR = /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande|Alkuperäinen viesti)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^\s*_{20,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?(?:From|Von|De|Van|Från|Da|Lähettäjä)\*?\s*:\s*(.*)$/i;
const OUTLOOK_DATE = /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Skickat|Lähetetty)\*?\s*:\s*(.*)$/i;
const OUTLOOK_OTHER = /^\s*\*?(?:To|Cc|Subject|An|Betreff|À|Objet|Para|Asunto|Aan|Onderwerp|Till|Ämne|Oggetto|A|Importance|Priority)\*?\s*:/i;

/** Whether a line could end an "... wrote:" attribution. */
export function endsLikeWrote(line: string): boolean {
  return WROTE_END.test(line);
}

function whoFrom(text: string): { name: string | null; address: string | null } {
  // Outlook writes "Name [mailto:addr]" (older Exchange "[SMTP:addr]"); Pipermail-era text may write "user at host".
  const t = text.replace(/\[(?:mailto|smtp):([^\]\s]+)\]/i, '<$1>').trim();
  if (!t) return { name: null, address: null };
  const a = parseAuthor(t);
  return { name: a.name || null, address: a.address || null };
}

function dated(text: string): { date: Date | null; timeKnown: boolean; zoneKnown: boolean } {
  const p = parseDateText(text);
  return p ? { date: new Date(p.ms), timeKnown: p.timeKnown, zoneKnown: p.zoneKnown } : { date: null, timeKnown: false, zoneKnown: false };
}

/** Parses an "On <date>, <name> wrote:" attribution (one or more lines joined), or returns null. */
export function parseWroteLine(line: string): Attribution | null {
  const text = line.replace(/\s+/g, ' ').trim();
  if (!WROTE_END.test(text) || text.length > 300) return null;
  let body = text.replace(WROTE_END, '').trim().replace(/,$/, '');
  const start = WROTE_START.exec(body);
  // German "Am <date> schrieb <name>:" puts the name after the verb.
  const schrieb = /^(.*?),?\s+schrieb\s+(.+)$/i.exec(body);
  if (schrieb && start) {
    const who = whoFrom(schrieb[2] ?? '');
    return { style: 'wrote', line: text, ...who, ...dated((schrieb[1] ?? '').slice(start[0].length)) };
  }
  if (start) {
    body = body.slice(start[0].length);
    // Split "date, name" at a comma from the right, the first split whose left side is a date.
    for (let c = body.lastIndexOf(','); c > 0; c = body.lastIndexOf(',', c - 1)) {
      const d = dated(body.slice(0, c));
      if (d.date) return { style: 'wrote', line: text, ...whoFrom(body.slice(c + 1)), ...d };
    }
    // "On <date> <name> wrote:" without a comma: try shrinking the date from the right.
    const words = body.split(' ');
    for (let k = words.length - 1; k >= 3; k--) {
      const d = dated(words.slice(0, k).join(' '));
      if (d.date) return { style: 'wrote', line: text, ...whoFrom(words.slice(k).join(' ')), ...d };
    }
  }
  // "Name <addr> wrote:", "In article <id>, Name writes:"
  const who = body.replace(/^In (?:article|message) <[^>]*>,?\s*/i, '');
  return { style: 'wrote', line: text, ...whoFrom(who), date: null, timeKnown: false, zoneKnown: false };
}

/** What parseWroteLine would accept, kept as its line only: nothing of it is parsed. */
export function wroteLineOnly(line: string): Attribution | null {
  const text = line.replace(/\s+/g, ' ').trim();
  if (!WROTE_END.test(text) || text.length > 300) return null;
  return { style: 'wrote', line: text, name: null, address: null, date: null, timeKnown: false, zoneKnown: false };
}

/** Parses a GroupWise ">>> who date time >>>" line, or returns null. */
export function parseGroupwiseLine(line: string): Attribution | null {
  if (line.length > 300) return null;
  const m = GROUPWISE.exec(line.trim());
  if (!m) return null;
  return { style: 'groupwise', line: line.trim(), ...whoFrom(m[1] ?? ''), ...dated(m[2] ?? '') };
}

/** Whether a line starts an Outlook-style quoted original (separator or rule + From:). */
export function isOutlookStart(line: string, next: string | undefined): boolean {
  if (OUTLOOK_SEPARATOR.test(line)) return true;
  return OUTLOOK_RULE.test(line) && next !== undefined && OUTLOOK_FROM.test(next);
}

/**
 * Reads the From/Sent header lines after an Outlook separator at `lines[at]`. Returns the
 * attribution and the index of the first line of the quoted text.
 */
export function parseOutlookHeader(lines: readonly string[], at: number): { attribution: Attribution; bodyFrom: number } {
  const a: Attribution = { style: 'outlook', line: (lines[at] ?? '').trim(), name: null, address: null, date: null, timeKnown: false, zoneKnown: false };
  let i = at + 1;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const limit = Math.min(lines.length, i + 10);
  for (; i < limit; i++) {
    const l = lines[i] ?? '';
    const from = OUTLOOK_FROM.exec(l);
    if (from) { Object.assign(a, whoFrom(from[1] ?? '')); continue; }
    const date = OUTLOOK_DATE.exec(l);
    if (date) { Object.assign(a, dated(date[1] ?? '')); continue; }
    if (OUTLOOK_OTHER.test(l)) continue;
    // Continuation of a long To:/Cc: line.
    if (/^\s+\S/.test(l) && i > at + 1) continue;
    break;
  }
  return { attribution: a, bodyFrom: i };
}
