// The words of the notices this feature sends, as pure functions of their facts. Kept apart from
// the queueing so each text can be read (and tested) on its own.
import type { MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import type { Site } from '../domain/site.ts';
import { confirmUrl, listInfoUrl } from '../domain/urls.ts';
import type { RequestChannel } from './types.ts';

export interface NoticeText {
  subject: string;
  text: string;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

export interface ConfirmationFacts {
  site: Site;
  list: MailingList;
  kind: 'subscribe' | 'unsubscribe';
  address: string;
  token: string;
  via: RequestChannel;
  /** Who asked, when it was someone other than the address itself. */
  thirdParty: string | null;
  expiresAt: Date;
}

/**
 * The confirmation request. Its subject is exactly `confirm TOKEN` (as Mailman's), so a plain
 * reply, whose subject becomes `Re: confirm TOKEN`, confirms; Reply-To carries the token as well.
 */
export function confirmationText(f: ConfirmationFacts): NoticeText {
  const name = listDisplayName(f.list);
  const action = f.kind === 'subscribe' ? `join the ${name} mailing list` : `leave the ${name} mailing list`;
  const who =
    f.thirdParty !== null
      ? `${f.thirdParty} asked ${f.via === 'web' ? 'on the web site' : 'by email'} for ${f.address} to ${action}`
      : `Someone (hopefully you) asked ${f.via === 'web' ? 'on the web site' : 'by email'} for ${f.address} to ${action}`;
  const text = [
    `${who} (${f.list.address}).`,
    '',
    'To confirm, do one of these:',
    '',
    '  - reply to this message, keeping the subject as it is;',
    `  - send any message to ${roleAddress(f.list.name, f.list.domain, 'confirm', f.token)};`,
    `  - open ${confirmUrl(f.site, f.token)}`,
    '',
    `If you did not ask for this, ignore this message: nothing happens, and the request lapses on ${day(f.expiresAt)}.`,
    '',
    `List information: ${listInfoUrl(f.site, f.list.name)}`,
    '',
  ].join('\n');
  return { subject: `confirm ${f.token}`, text };
}

export function approvalRequestText(site: Site, list: MailingList, address: string, displayName: string): NoticeText {
  const who = displayName ? `${displayName} <${address}>` : address;
  return {
    subject: `Subscription request for ${list.address} from ${address}`,
    text: [
      `${who} asks to join the ${listDisplayName(list)} mailing list (${list.address}).`,
      '',
      'The request waits for a moderator: approve or refuse it on the list\'s administration pages,',
      `reached from ${listInfoUrl(site, list.name)}`,
      '',
    ].join('\n'),
  };
}

export function awaitingApprovalText(list: MailingList, address: string): NoticeText {
  const name = listDisplayName(list);
  return {
    subject: `Your request to join the ${name} mailing list`,
    text: [
      `Your request to join the ${name} mailing list (${list.address}) as ${address} now waits for a`,
      'moderator\'s approval. You will hear from the list when it has been decided.',
      '',
    ].join('\n'),
  };
}

export function refusalText(list: MailingList, reason: string | undefined): NoticeText {
  const name = listDisplayName(list);
  return {
    subject: `Your request to join the ${name} mailing list`,
    text: [
      `Your request to join the ${name} mailing list (${list.address}) was refused by its moderators.`,
      ...(reason && reason.trim() ? ['', `Reason given: ${reason.trim()}`] : []),
      '',
      `Questions go to ${roleAddress(list.name, list.domain, 'owner')}.`,
      '',
    ].join('\n'),
  };
}

export const welcomeSubject = (list: MailingList): string => `Welcome to the ${listDisplayName(list)} mailing list`;
export const goodbyeSubject = (list: MailingList): string => `You have left the ${listDisplayName(list)} mailing list`;
