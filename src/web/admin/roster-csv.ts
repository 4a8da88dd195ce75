// The roster as CSV (RFC 4180) for export, and reading back the entries of an import or of the
// "add many" box: CSV with an address column, or one `Name <address>` / `address` per line.
import { isValidAddress } from '../../domain/address.ts';
import type { Member } from '../../domain/list.ts';

export const CSV_COLUMNS = ['address', 'display_name', 'delivery_mode', 'delivery_enabled', 'moderation', 'hide_from_roster', 'joined'] as const;

const cell = (v: string): string => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** One CSV row per member. Cells that a spreadsheet would run as a formula are quoted with a `'`. */
export function rosterCsv(members: Member[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const m of members) {
    rows.push([m.address, m.displayName, m.deliveryMode, m.deliveryEnabled ? 'yes' : 'no', m.moderationAction ?? 'default', m.hideFromRoster ? 'yes' : 'no', m.createdAt.toISOString()].map(cell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Splits one CSV line into cells (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

export interface RosterEntry {
  address: string;
  displayName: string;
}

/** Entries to add, and the lines that hold no valid address (reported back, never guessed). */
export function readEntries(text: string, limit = 100_000): { entries: RosterEntry[]; bad: string[] } {
  const entries: RosterEntry[] = [];
  const bad: string[] = [];
  const all = text.split(/\r?\n/);
  let nameCol = -1;
  let addrCol = -1;
  for (const [i, raw] of all.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (entries.length >= limit) break;
    const angle = line.match(/^(.*)<([^<>]+)>\s*$/);
    if (angle) {
      const address = angle[2]!.trim();
      if (isValidAddress(address)) entries.push({ address, displayName: angle[1]!.trim().replace(/^"|"$/g, '') });
      else bad.push(line);
      continue;
    }
    const cs = cells(line);
    if (i === 0 && cs.some((c) => /^(address|email)$/i.test(c))) {
      addrCol = cs.findIndex((c) => /^(address|email)$/i.test(c));
      nameCol = cs.findIndex((c) => /^(display_name|name)$/i.test(c));
      continue;
    }
    const a = addrCol >= 0 ? (cs[addrCol] ?? '') : (cs.find((c) => c.includes('@')) ?? '');
    if (!isValidAddress(a)) { bad.push(line.slice(0, 200)); continue; }
    const name = nameCol >= 0 ? (cs[nameCol] ?? '') : (cs.find((c) => c !== a) ?? '');
    entries.push({ address: a, displayName: name.replace(/^'(?=[=+\-@])/, '') });
  }
  return { entries, bad };
}
