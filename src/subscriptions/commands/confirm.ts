// `confirm <token>`: answers a confirmation request (also read from the subject of a reply,
// `Re: confirm <token>`). Whoever holds the token was mailed it, so no sender check is needed.
import { confirmToken } from '../tokens.ts';
import { usage } from './types.ts';
import type { EmailCommand } from './types.ts';

/** The shape of a token as we issue them (URL-safe); anything else is not looked up. */
export const TOKEN_RE = /^[A-Za-z0-9._~-]{6,200}$/;

export const confirm: EmailCommand = {
  name: 'confirm',
  aliases: [],
  synopsis: '<token>',
  description: 'Confirm a request, with the code from the confirmation mail.',
  async run({ deps }, args) {
    const token = args[0] ?? '';
    if (args.length !== 1 || !TOKEN_RE.test(token)) return { lines: [usage(confirm)] };
    const r = await confirmToken(deps, token);
    return { lines: [r.message] };
  },
};
