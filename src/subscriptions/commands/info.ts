// `info`: what the list is, where to post, how people join and where its owners are reached.
import { listDisplayName } from '../../domain/list.ts';
import type { ListSettings } from '../../domain/list-settings.ts';
import { listVariables } from '../template.ts';
import type { EmailCommand } from './types.ts';

const JOINING: Record<ListSettings['subscribePolicy'], string> = {
  open: 'anyone may join; a request for someone else is confirmed by them first',
  confirm: 'a request to join is confirmed by mail first',
  approve: 'a moderator approves each new member',
  confirm_then_approve: 'a request is confirmed by mail, then approved by a moderator',
};

export const info: EmailCommand = {
  name: 'info',
  aliases: [],
  synopsis: '',
  description: 'About this list.',
  async run({ deps, list }) {
    const v = listVariables(deps.site, list);
    const description = list.settings.description.trim();
    return {
      lines: [
        `${listDisplayName(list)} <${list.address}>`,
        ...(description ? ['', ...description.split(/\r?\n/).slice(0, 40)] : []),
        '',
        `To post, write to ${list.address}.`,
        `Joining: ${JOINING[list.settings.subscribePolicy]}.`,
        `List information: ${v.list_info_url ?? ''}`,
        `The list's owners: ${v.owner_address ?? ''}`,
      ],
    };
  },
};
