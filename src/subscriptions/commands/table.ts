// The commands of the -request address, as a typed table (Mailman 3's EMAIL_COMMANDS, with
// Mailman 2's `set`), and the lookup by name or alias.
import { confirm } from './confirm.ts';
import { end } from './end.ts';
import { makeHelp } from './help.ts';
import { info } from './info.ts';
import { join } from './join.ts';
import { leave } from './leave.ts';
import { set } from './set.ts';
import type { EmailCommand } from './types.ts';
import { who } from './who.ts';

export const COMMANDS: readonly EmailCommand[] = [makeHelp(() => COMMANDS), info, join, leave, confirm, who, set, end];

const BY_NAME: ReadonlyMap<string, EmailCommand> = new Map(COMMANDS.flatMap((c) => [c.name, ...c.aliases].map((n) => [n, c] as const)));

/** The command a word names (case-insensitive, trailing punctuation ignored), or undefined. */
export function findCommand(word: string): EmailCommand | undefined {
  const w = word.toLowerCase();
  return BY_NAME.get(w) ?? BY_NAME.get(w.replace(/[.,:;!?]+$/, ''));
}
