// The author of a message from its From header: display name and address, for RFC 5322 §3.4
// mailboxes and the forms archives really hold: `addr (Name)`, Pipermail's `user at host (Name)`,
// DMARC-munged `Name via List <list@host>` (the original author is then in Reply-To or
// X-Original-From), and bare addresses.
import { decodeHeader } from './encoded-words.ts';

export interface Author {
  name: string;
  /** Address as written ("user@host"), or "" when none could be read. */
  address: string;
}

const ANGLE = /<([^<>]*)>/;
const MAX_VALUE = 2000;
const AT_FORM = /^([^\s@<>()"]+) at ([^\s@<>()"]+\.[^\s@<>()"]+)$/i;
const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;

function unquote(s: string): string {
  let t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t.replace(/\s+/g, ' ').trim();
}

/** Restores `user at host` (Pipermail's obfuscation) to `user@host`; other text passes through. */
export function restoreAtAddress(s: string): string {
  const m = AT_FORM.exec(s.trim());
  return m ? `${m[1]}@${m[2]}` : s.trim();
}

/** Parses the first mailbox of a From-like header value (latin1 string as read from the bytes). */
export function parseAuthor(value: string | null | undefined, bodyCharset?: string | null): Author {
  if (!value) return { name: '', address: '' };
  // Real From values are short; the cap keeps the regexes below cheap on hostile ones.
  const text = decodeHeader(value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value, bodyCharset).trim();
  // name <addr>
  const angle = ANGLE.exec(text);
  if (angle) {
    const before = text.slice(0, angle.index);
    const after = text.slice((angle.index ?? 0) + angle[0].length);
    let name = unquote(before);
    if (!name) {
      const c = /\(([^()]*)\)/.exec(after);
      if (c) name = unquote(c[1] ?? '');
    }
    return { name, address: restoreAtAddress((angle[1] ?? '').trim()) };
  }
  // addr (Name), including Pipermail's "user at host (Name)"
  const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(text);
  if (paren) {
    const addr = restoreAtAddress(paren[1] ?? '');
    const name = unquote(paren[2] ?? '');
    if (ADDRESS.test(addr)) return { name: name === addr ? '' : name, address: addr };
    return { name: name || unquote(paren[1] ?? ''), address: '' };
  }
  const bare = restoreAtAddress(text.replace(/^"|"$/g, ''));
  if (ADDRESS.test(bare)) return { name: '', address: bare };
  // "Some Name user@host" (LISTSERV and friends): the last word that is an address.
  const words = text.split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = (words[i] ?? '').replace(/^[<"]|[>",;]$/g, '');
    if (!ADDRESS.test(w)) continue;
    const name = unquote(words.slice(0, i).join(' '));
    return { name: name.toLowerCase() === w.toLowerCase() ? '' : name, address: w };
  }
  return { name: unquote(text), address: '' };
}

/** DMARC From munging (Mailman "Name via List"): the address is the list's; the name is the author's. */
export function isMungedFrom(author: Author, listAddress: string | null): boolean {
  if (/\svia\s/.test(author.name)) return true;
  return listAddress !== null && author.address.toLowerCase() === listAddress.toLowerCase();
}
