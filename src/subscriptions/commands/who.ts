// `who`: the list's members, when the list's roster visibility lets the sender see it. Members who
// chose to be hidden are left out, except for the list's owners and moderators.
import { listDisplayName } from '../../domain/list.ts';
import type { EmailCommand } from './types.ts';

/** A roster longer than this is cut, with a count of the rest: a mail is not a database dump. */
export const MAX_ROSTER_LINES = 2000;

export const who: EmailCommand = {
  name: 'who',
  aliases: [],
  synopsis: '',
  description: 'List the members, when the list allows you to see them.',
  async run({ deps, list, sender }) {
    const { store } = deps;
    const staff = (await store.getMember(list.id, sender.address, 'owner')) ?? (await store.getMember(list.id, sender.address, 'moderator'));
    const member = staff ?? (await store.getMember(list.id, sender.address, 'member'));
    const visibility = list.settings.rosterVisibility;
    const allowed = visibility === 'public' || (visibility === 'members' && member !== null) || staff !== null;
    if (!allowed) return { lines: [`The member list of ${list.address} is not available to you.`] };
    const total = await store.countMembers(list.id, 'member');
    const members = await store.listMembers(list.id, { role: 'member', limit: MAX_ROSTER_LINES });
    const lines: string[] = [];
    for (const m of members) {
      if (m.hideFromRoster && staff === null) continue;
      const name = m.displayName ? ` (${m.displayName})` : '';
      lines.push(`  ${m.address}${name}${m.hideFromRoster ? ' [hidden]' : ''}`);
    }
    const rest = total - members.length;
    return {
      lines: [
        `Members of the ${listDisplayName(list)} mailing list:`,
        ...(lines.length ? lines : ['  (none to show)']),
        ...(rest > 0 ? [`  ... and ${rest} more`] : []),
      ],
    };
  },
};
