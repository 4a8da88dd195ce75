// The shape of one email command of the -request address: its names, its help line, and what it
// does with its arguments for a sender. The table of them is in commands/index.ts.
import type { MailingList } from '../../domain/list.ts';
import type { SubscriptionDeps } from '../types.ts';

export interface CommandContext {
  /** Deps whose store is bound to the transaction handling this message. */
  deps: SubscriptionDeps;
  list: MailingList;
  /** The sender: the From address (or the envelope sender when From has none). */
  sender: { address: string; name: string };
}

export interface CommandResult {
  /** Lines shown under the echoed command in the reply. */
  lines: string[];
  /** Stop reading further commands (`end`). */
  stop?: boolean;
}

export interface EmailCommand {
  name: string;
  aliases: readonly string[];
  /** Arguments as shown in help: `[digest|nodigest] [address=<address>]`. */
  synopsis: string;
  description: string;
  run(ctx: CommandContext, args: readonly string[]): Promise<CommandResult>;
}

/** Splits `key=value` arguments; a bare word maps to itself with an empty value. */
export function keyValue(arg: string): { key: string; value: string } {
  const eq = arg.indexOf('=');
  return eq < 0 ? { key: arg.toLowerCase(), value: '' } : { key: arg.slice(0, eq).toLowerCase(), value: arg.slice(eq + 1) };
}

export const usage = (c: Pick<EmailCommand, 'name' | 'synopsis'>): string => `Usage: ${c.name}${c.synopsis ? ` ${c.synopsis}` : ''}`;
