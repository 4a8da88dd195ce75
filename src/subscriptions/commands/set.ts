// `set`: shows or changes the sender's own membership options (Mailman 2's `set`): delivery on or
// off, digest mode, copies of one's own posts, acknowledgements, and hiding from the roster.
import type { Member, DeliveryMode } from '../../domain/list.ts';
import type { MemberPatch } from '../../store/types.ts';
import { usage } from './types.ts';
import type { EmailCommand } from './types.ts';

const onOff = (b: boolean): string => (b ? 'on' : 'off');
const DIGEST_NAMES: Record<DeliveryMode, string> = { regular: 'off', mime_digest: 'mime', plain_digest: 'plain' };
const DIGEST_MODES: Record<string, DeliveryMode> = { off: 'regular', mime: 'mime_digest', plain: 'plain_digest' };

function showLines(m: Member): string[] {
  const why = !m.deliveryEnabled && m.disabledReason ? ` (${m.disabledReason})` : '';
  return [
    `Your options as ${m.address}:`,
    `  delivery ${onOff(m.deliveryEnabled)}${why}`,
    `  digest ${DIGEST_NAMES[m.deliveryMode]}`,
    `  myposts ${onOff(m.receiveOwnPosts)}`,
    `  ack ${onOff(m.acknowledgePosts)}`,
    `  hide ${onOff(m.hideFromRoster)}`,
  ];
}

/** The change one `set` line asks for, or null when it is not understood. */
function patchFor(option: string, value: string): MemberPatch | null {
  const flag = value === 'on' ? true : value === 'off' ? false : null;
  switch (option) {
    case 'digest': {
      const mode = DIGEST_MODES[value];
      return mode ? { deliveryMode: mode } : null;
    }
    // Turning delivery back on also clears why it was off (bounces, for instance).
    case 'delivery': return flag === null ? null : { deliveryEnabled: flag, disabledReason: flag ? null : 'by the member' };
    case 'myposts': return flag === null ? null : { receiveOwnPosts: flag };
    case 'ack': return flag === null ? null : { acknowledgePosts: flag };
    case 'hide': return flag === null ? null : { hideFromRoster: flag };
    default: return null;
  }
}

export const set: EmailCommand = {
  name: 'set',
  aliases: [],
  synopsis: 'show | delivery on|off | digest mime|plain|off | myposts on|off | ack on|off | hide on|off',
  description: 'Show or change your own options.',
  async run({ deps, list, sender }, args) {
    const member = await deps.store.getMember(list.id, sender.address, 'member');
    if (!member) return { lines: [`${sender.address} is not a member of ${list.address}; set changes only your own membership.`] };
    const [option = 'show', value = '', ...extra] = args.map((a) => a.toLowerCase());
    if (option === 'show' && value === '') return { lines: showLines(member) };
    const patch = extra.length === 0 ? patchFor(option, value) : null;
    if (!patch) return { lines: [usage(set)] };
    const updated = await deps.store.updateMember(member.id, patch);
    return { lines: [`${option} is now ${value}.`, ...showLines(updated)] };
  },
};
