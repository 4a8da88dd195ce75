// `help`: what the -request address understands, and the simpler addresses for joining and leaving.
// Also the reply to a message in which no command could be read.
import { listDisplayName } from '../../domain/list.ts';
import { listVariables } from '../template.ts';
import type { CommandContext, EmailCommand } from './types.ts';

export function helpLines(ctx: CommandContext, table: readonly EmailCommand[]): string[] {
  const v = listVariables(ctx.deps.site, ctx.list);
  const rows = table.map((c) => {
    const head = `${c.name}${c.synopsis ? ` ${c.synopsis}` : ''}`;
    const also = c.aliases.length ? ` (also: ${c.aliases.join(', ')})` : '';
    return [`  ${head}`, `      ${c.description}${also}`];
  });
  return [
    `Commands for the ${listDisplayName(ctx.list)} mailing list, sent to ${v.request_address ?? ''}`,
    'in the subject or on lines of their own in the body:',
    '',
    ...rows.flat(),
    '',
    `To join, you may also send any message to ${v.join_address ?? ''};`,
    `to leave, send any message to ${v.leave_address ?? ''}.`,
    `List information: ${v.list_info_url ?? ''}`,
  ];
}

export function makeHelp(table: () => readonly EmailCommand[]): EmailCommand {
  return {
    name: 'help',
    aliases: [],
    synopsis: '',
    description: 'This text.',
    async run(ctx) {
      return { lines: helpLines(ctx, table()) };
    },
  };
}
