// The command table: every CLI command, in the order `caucus --help` lists them.
import type { CliCommand } from './command.ts';
import type { App } from './app.ts';
import { serveCommand } from './serve.ts';
import { listsCommand } from './lists.ts';
import { membersCommand } from './members.ts';
import { injectCommand } from './inject.ts';
import { heldCommand } from './held.ts';
import { queueCommand } from './queue.ts';
import { dkimCommand } from './dkim.ts';
import { adminsCommand } from './admins.ts';
import { tokensCommand } from './tokens.ts';
import { digestsCommand } from './digests.ts';
import { bouncesCommand } from './bounces.ts';
import { bounceParseCommand } from './bounce-parse.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { reindexCommand } from './reindex.ts';

export const COMMANDS: ReadonlyArray<CliCommand<App>> = [serveCommand, listsCommand, membersCommand, injectCommand, heldCommand, queueCommand, adminsCommand, tokensCommand, digestsCommand, bouncesCommand, bounceParseCommand, dkimCommand, importCommand, exportCommand, reindexCommand];
export type { App } from './app.ts';
export type { CliIO } from './command.ts';
