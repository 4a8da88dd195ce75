// administrivia: the subject or one of the first body lines reads as a list command (subscribe,
// unsubscribe, help, ...) sent to the posting address by mistake. Held, so the list does not
// distribute "unsubscribe me" to everyone. A line counts only when its first word is a command
// and the rest fits that command's arguments, as Mailman checks, with argument shapes checked
// too, so "Who cares about X" or "Set up a mirror" stay normal posts.
import type { MailingList } from '../../domain/list.ts';
import type { RuleHit } from '../../domain/verdict.ts';
import type { Rule } from './types.ts';

type ArgCheck = (args: readonly string[], list: MailingList) => boolean;

// Words people put around a join/leave request: "unsubscribe me from this list please".
const FILLERS = new Set([
  'me', 'please', 'pls', 'plz', 'from', 'to', 'the', 'this', 'list', 'mailing', 'mailinglist',
  'request', 'now', 'digest', 'nodigest', 'regular', 'my', 'address', 'email', 'e-mail',
]);

const isAddressLike = (w: string): boolean => /^<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(w);
const isKeyValue = (w: string): boolean => /^[a-z]+=\S+$/.test(w);
const stripPunctuation = (w: string): string => w.replace(/[.,!;:]+$/, '');

const membershipArgs = (max: number): ArgCheck => (args, list) =>
  args.length <= max &&
  args.every((raw) => {
    const w = stripPunctuation(raw);
    return w === '' || FILLERS.has(w) || isAddressLike(w) || isKeyValue(w) || w === list.name || w === list.address.toLowerCase();
  });

const none: ArgCheck = (args) => args.length === 0;

// Mailman 2.1 `set` options: the first argument names one of them.
const SET_OPTIONS = new Set([
  'ack', 'authenticate', 'delivery', 'digest', 'duplicates', 'hide', 'myposts', 'nomail', 'reminders', 'show',
]);

/** Commands and the arguments each accepts (Mailman 3's EMAIL_COMMANDS, plus join and leave). */
interface CommandSpec {
  args: ArgCheck;
  /** "unsubscribe." and "join!" still count; "help!" is how people title questions. */
  trailingPunctuation: boolean;
}

export const ADMINISTRIVIA_COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['subscribe', { args: membershipArgs(6), trailingPunctuation: true }],
  ['join', { args: membershipArgs(6), trailingPunctuation: true }],
  ['unsubscribe', { args: membershipArgs(6), trailingPunctuation: true }],
  ['leave', { args: membershipArgs(6), trailingPunctuation: true }],
  ['confirm', { args: (a) => a.length === 1 && /^[a-z0-9+_=.-]{8,}$/.test(a[0] ?? '') && /\d/.test(a[0] ?? ''), trailingPunctuation: false }],
  ['help', { args: none, trailingPunctuation: false }],
  ['info', { args: none, trailingPunctuation: false }],
  ['lists', { args: none, trailingPunctuation: false }],
  ['options', { args: none, trailingPunctuation: false }],
  ['remove', { args: none, trailingPunctuation: false }],
  ['who', { args: (a) => a.length <= 2 && a.every((w) => isAddressLike(w) || isKeyValue(w)), trailingPunctuation: false }],
  ['password', { args: (a) => a.length === 2, trailingPunctuation: false }],
  ['set', { args: (a) => a.length >= 1 && a.length <= 3 && SET_OPTIONS.has(a[0] ?? ''), trailingPunctuation: false }],
]);

/** The command a line reads as, or null. */
export function commandIn(line: string, list: MailingList): string | null {
  const words = line.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) return null;
  const direct = ADMINISTRIVIA_COMMANDS.get(first);
  const bare = stripPunctuation(first);
  const spec = direct ?? (ADMINISTRIVIA_COMMANDS.get(bare)?.trailingPunctuation ? ADMINISTRIVIA_COMMANDS.get(bare) : undefined);
  if (!spec) return null;
  return spec.args(words.slice(1), list) ? (direct ? first : bare) : null;
}

/** The body lines worth checking: before any signature, skipping quoted text (RFC 3676 §4.3). */
function candidateBodyLines(lines: readonly string[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (const [i, line] of lines.entries()) {
    if (line === '--') break;
    if (line.startsWith('>')) continue;
    out.push([i, line]);
  }
  return out;
}

export const administrivia: Rule = {
  id: 'administrivia',
  decides: false,
  check({ list, post }): RuleHit | null {
    if (!list.settings.administrivia) return null;
    if (post.subject !== null) {
      const command = commandIn(post.subject, list);
      if (command) {
        return {
          rule: 'administrivia',
          action: 'hold',
          reason: `The subject looks like a "${command}" command meant for the list's request address, not a post.`,
          details: { command, where: 'subject', text: post.subject.slice(0, 200) },
        };
      }
    }
    for (const [i, line] of candidateBodyLines(post.firstLines)) {
      const command = commandIn(line, list);
      if (command) {
        return {
          rule: 'administrivia',
          action: 'hold',
          reason: `The body looks like a "${command}" command meant for the list's request address, not a post.`,
          details: { command, where: 'body', line: i + 1, text: line.slice(0, 200) },
        };
      }
    }
    return null;
  },
};
