// Mail::Box's thread dump (t/105mbox-thread.t in perl5-Mail-Box), rebuilt from parent links, for
// the mailbox-perl-threads corpus: its expected-full-dump.txt is the ground truth, compared as a
// sorted multiset of lines without the size column (see that folder's SOURCE.md).
import { readFileSync } from 'node:fs';
import { findHeaderEnd } from '../../src/archive/parse/header-block.ts';

export interface DumpMessage {
  messageId: string;
  parentId: string | null;
  /** Date in ms: children are listed by the earliest message of their sub-thread. */
  time: number;
  /** The Subject as written: Mail::Box prints it undecoded. */
  subject: string;
}

export interface DumpGhost { messageId: string; parentId: string | null }

/** The Subject header of raw mail as written. */
export function rawSubject(raw: Buffer): string {
  return /^Subject: ?(.*?)\r?$/m.exec(raw.toString('latin1', 0, findHeaderEnd(raw).headerEnd))?.[1] ?? '';
}

/** expected-full-dump.txt as lines without the size column, sorted. */
export function expectedMailBoxDump(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => l.slice(4)).sort();
}

/** Mail::Box's threadToString layout, without the size column. Iterative. */
export function mailBoxDump(messages: readonly DumpMessage[], ghosts: readonly DumpGhost[]): string[] {
  interface Node { dummy: boolean; subject: string; parent: string | null; time: number; kids: Node[] }
  const nodes = new Map<string, Node>();
  for (const m of messages) nodes.set(m.messageId, { dummy: false, subject: m.subject, parent: m.parentId, time: m.time, kids: [] });
  for (const g of ghosts) if (!nodes.has(g.messageId)) nodes.set(g.messageId, { dummy: true, subject: '', parent: g.parentId, time: Infinity, kids: [] });
  for (const n of nodes.values()) if (n.parent) nodes.get(n.parent)?.kids.push(n);
  const start = (n: Node): number => {
    let t = n.time;
    const todo = [...n.kids];
    for (let k = todo.pop(); k; k = todo.pop()) { if (!k.dummy) t = Math.min(t, k.time); todo.push(...k.kids); }
    return t;
  };
  const lines: string[] = [];
  for (const root of [...nodes.values()].filter((n) => !n.parent || !nodes.has(n.parent))) {
    const stack: Array<[Node, string, string]> = [[root, '', '']];
    for (let f = stack.pop(); f; f = stack.pop()) {
      const [n, firstIn, other] = f;
      let first = firstIn;
      const kids = [...n.kids].sort((a, b) => start(a) - start(b));
      const frames: Array<[Node, string, string]> = [];
      if (n.dummy) {
        first += first ? '-*-' : ' *-';
        if (kids.length === 1 && kids[0]) { stack.push([kids[0], first, `${other}   `]); continue; }
        while (kids.length > 1) { const k = kids.shift(); if (k) frames.push([k, first, `${other} | `]); }
      } else {
        lines.push(`${first} ${n.subject}`);
        while (kids.length > 1) { const k = kids.shift(); if (k) frames.push([k, `${other} |-`, `${other} | `]); }
      }
      const last = kids.shift();
      if (last) frames.push([last, `${other} \`-`, `${other}   `]);
      for (let i = frames.length - 1; i >= 0; i--) { const fr = frames[i]; if (fr) stack.push(fr); }
    }
  }
  return lines;
}
