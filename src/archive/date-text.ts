// Parses the dates real mail carries: RFC 5322 §3.3, its obsolete forms (§4.3: two-digit years,
// named zones, comments), asctime (mbox From_ lines, Pipermail), ISO 8601, and the numeric forms
// reply attributions use ("1/9/2007 1:21 AM"). Never throws; garbage gives null.
import { zoneOffset } from './date-zones.ts';

export interface ParsedDate {
  /** Milliseconds since the epoch (UTC). */
  ms: number;
  /** False when the text named no zone and UTC was assumed. */
  zoneKnown: boolean;
  /** False when the text had a day but no time of day. */
  timeKnown: boolean;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6],
  ['jul', 7], ['aug', 8], ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
  // A few non-English spellings mailers localised by mistake.
  ['mrz', 3], ['mär', 3], ['mai', 5], ['okt', 10], ['dez', 12], ['avr', 4], ['fév', 2], ['déc', 12],
]);
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;

// The common RFC 5322 shape, parsed without tokenising: "[Www, ]d Mmm yyyy hh:mm[:ss] zone".
const FAST = /^\s*(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4})(?:\s*\(.*\))?\s*$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > (DAYS_IN_MONTH[mo - 1] ?? 0)) return null;
  if (h > 24 || mi > 59 || s > 60) return null;
  if (y < 100) y += y < 50 ? 2000 : 1900; // RFC 5322 §4.3
  else if (y < 1000) y += 1900; // RFC 5322 §4.3: three-digit years add 1900
  if (y > 9999) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - zone * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

/** Parses one date string. Returns null for anything it cannot read with confidence. */
export function parseDateText(input: string): ParsedDate | null {
  if (input.length > 300) input = input.slice(0, 300);
  const f = FAST.exec(input);
  if (f) {
    const mo = MONTHS.get((f[2] ?? '').toLowerCase());
    const zone = zoneOffset(f[7] ?? '');
    if (mo !== undefined && zone !== null) {
      const ms = build(Number(f[3]), mo, Number(f[1]), Number(f[4]), Number(f[5]), Number(f[6] ?? 0), zone);
      if (ms !== null) return { ms, zoneKnown: true, timeKnown: true };
    }
  }
  return parseTokens(input);
}

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  h?: number;
  mi?: number;
  s?: number;
  zone?: number;
  pm?: boolean;
  am?: boolean;
  loose: number[];
}

function parseTokens(input: string): ParsedDate | null {
  // Comments hold zone names at best ("(PDT)", "(MET DST)"); read them only when nothing else does.
  let comment = '';
  const text = input.replace(/\(([^()]*)\)/g, (_m, c: string) => { comment += ` ${c}`; return ' '; });
  const f: Fields = { loose: [] };
  if (!readTokens(text, f)) return null;
  if (f.zone === undefined && comment) {
    for (const t of comment.trim().split(/\s+/)) {
      const z = zoneOffset(t);
      if (z !== null) { f.zone = z; break; }
    }
  }
  for (const n of f.loose) {
    if (f.day === undefined && n >= 1 && n <= 31 && f.month !== undefined) f.day = n;
    else if (f.year === undefined) f.year = n;
    else return null;
  }
  if (f.year === undefined || f.month === undefined || f.day === undefined) return null;
  let h = f.h ?? 0;
  if (f.pm && h < 12) h += 12;
  if (f.am && h === 12) h = 0;
  const ms = build(f.year, f.month, f.day, h, f.mi ?? 0, f.s ?? 0, f.zone ?? 0);
  if (ms === null) return null;
  return { ms, zoneKnown: f.zone !== undefined, timeKnown: f.h !== undefined };
}

function readTokens(text: string, f: Fields): boolean {
  const tokens = text.split(/[\s,]+/).filter((t) => t.length > 0);
  if (tokens.length > 12) return false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const low = tok.toLowerCase();
    if (low === 'at' || low === 'dst' || low === 'um' || low === 'à') {
      if (low === 'dst' && f.zone !== undefined) f.zone += 60;
      continue;
    }
    if (WEEKDAY.test(tok)) continue;
    if (low === 'am' || low === 'a.m.') { f.am = true; continue; }
    if (low === 'pm' || low === 'p.m.') { f.pm = true; continue; }
    const month = /^([a-zäéû]{3,9})\.?$/.exec(low);
    if (month) {
      const m = MONTHS.get((month[1] ?? '').slice(0, 3));
      if (m !== undefined && f.month === undefined) { f.month = m; continue; }
      const z = zoneOffset(tok);
      if (z !== null && f.zone === undefined) { f.zone = z; continue; }
      return false;
    }
    if (readTime(tok, f)) continue;
    if (readNumericDate(tok, f)) continue;
    if (/^\d{1,4}$/.test(tok)) {
      if (tok.length >= 3) { if (f.year !== undefined) return false; f.year = Number(tok); }
      else f.loose.push(Number(tok));
      continue;
    }
    if (/^\d{1,2}(?:st|nd|rd|th)\.?$/i.test(tok) || /^\d{1,2}\.$/.test(tok)) { f.day = parseInt(tok, 10); continue; }
    const z = zoneOffset(tok);
    if (z !== null && f.zone === undefined) { f.zone = z; continue; }
    return false;
  }
  return true;
}

function readTime(tok: string, f: Fields): boolean {
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(am|pm)?([+-]\d{2}:?\d{2}|z)?$/i.exec(tok);
  if (!t || f.h !== undefined) return false;
  f.h = Number(t[1]);
  f.mi = Number(t[2]);
  f.s = Number(t[3] ?? 0);
  const ap = t[4]?.toLowerCase();
  if (ap === 'pm') f.pm = true;
  if (ap === 'am') f.am = true;
  if (t[5]) {
    const z = zoneOffset(t[5] === 'z' || t[5] === 'Z' ? 'Z' : t[5]);
    if (z !== null) f.zone = z;
  }
  return true;
}

function readNumericDate(tok: string, f: Fields): boolean {
  // ISO 8601: 2010-01-04, optionally with T and a time.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(.+))?$/i.exec(tok);
  if (iso) {
    if (f.year !== undefined || f.month !== undefined) return false;
    f.year = Number(iso[1]); f.month = Number(iso[2]); f.day = Number(iso[3]);
    if (iso[4] !== undefined && !readTime(iso[4], f)) return false;
    return true;
  }
  // Slashed dates are month first (US mailers: Outlook, GroupWise); d.m.yyyy is day first.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(tok);
  const eu = /^(\d{1,2})\.(\d{1,2})\.(\d{2,4})$/.exec(tok);
  const m = us ?? eu;
  if (!m || f.month !== undefined) return false;
  const a = Number(m[1]);
  const b = Number(m[2]);
  let month = us ? a : b;
  let day = us ? b : a;
  if (month > 12 && day <= 12) [month, day] = [day, month];
  f.month = month; f.day = day; f.year = Number(m[3]);
  return true;
}
