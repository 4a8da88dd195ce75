// The email commands of the -request address: the table, and the runner that reads a message's
// command lines and carries them out.
export { COMMANDS, findCommand } from './table.ts';
export { helpLines } from './help.ts';
export { commandSubject, runCommands, type CommandReport } from './run-commands.ts';
export { TOKEN_RE } from './confirm.ts';
export type { CommandContext, EmailCommand } from './types.ts';
