// The mail bounce processing sends: to a member whose delivery was disabled (with the signed
// re-enable link), the reminders that follow, the removal notice, the probe, and the owners'
// notices. Each is a `notify` job on the caller's transaction, committed with the state change.
import type { MailingList, Member } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import { listInfoUrl, reenableUrl } from '../domain/urls.ts';
import type { Store } from '../store/types.ts';
import { composeNotice, notifyJob } from '../delivery/index.ts';
import type { BounceDeps } from './deps.ts';
import { reenableToken } from './reenable-link.ts';

/** Probes return to `L-bounces+probe-TOKEN@domain`: the token alone names the member. */
export const probeDetail = (token: string): string => `probe-${token}`;
export const PROBE_DETAIL = /^probe-([0-9a-f]{16,64})$/;
/** The `notify` purpose of a probe; sendNotice prefixes a refused probe's failure with it. */
export const PROBE_PURPOSE = 'bounce-probe';

interface Notice {
  to: string[];
  subject: string;
  text: string;
  purpose: string;
  envelopeFrom?: string;
  attach?: Buffer;
}

async function enqueue(tx: Store, d: BounceDeps, list: MailingList, n: Notice): Promise<void> {
  const raw = await composeNotice({
    from: `"${listDisplayName(list).replace(/["\\\r\n]/g, '')}" <${roleAddress(list.name, list.domain, 'owner')}>`,
    to: n.to,
    subject: n.subject,
    text: n.text,
    hostname: d.site.hostname,
    date: d.now(),
    headers: { 'List-Id': `<${list.name}.${list.domain}>` },
    ...(n.attach ? { attachMessage: n.attach } : {}),
  });
  const envelopeFrom = n.envelopeFrom ?? roleAddress(list.name, list.domain, 'bounces');
  await tx.enqueue(notifyJob({ listId: list.id, envelopeFrom, to: n.to, raw: raw.toString('base64'), purpose: n.purpose }), d.now());
}

async function ownerAddresses(tx: Store, d: BounceDeps, list: MailingList): Promise<string[]> {
  const owners = await tx.listMembers(list.id, { role: 'owner' });
  const seen = [...new Set(owners.map((o) => o.address.toLowerCase()))];
  return seen.length ? seen : [d.site.adminAddress];
}

const remindersLine = (left: number, interval: number): string =>
  left > 0
    ? `You will get ${left} more reminder${left === 1 ? '' : 's'} like this, one every ${interval} days; after the last one your membership ends.`
    : `If delivery is not re-enabled within ${interval} days, your membership ends.`;

/** The disabling notice (first of the warnings) and each reminder after it. */
export async function sendDisabledNotice(tx: Store, d: BounceDeps, list: MailingList, member: Member, warningNumber: number): Promise<void> {
  const s = list.settings;
  const name = listDisplayName(list);
  const text = [
    `Your membership in the ${name} mailing list <${list.address}> is disabled: mail to`,
    `${member.address} has been bouncing, so the list stopped sending posts to it.`,
    '',
    'To receive posts again, open this link and press the button (no password needed):',
    '',
    reenableUrl(d.site, reenableToken(d.secret, member)),
    '',
    remindersLine(s.bounceYouAreDisabledWarnings - warningNumber, s.bounceYouAreDisabledWarningsIntervalDays),
    '',
    `Questions go to the list owners: ${roleAddress(list.name, list.domain, 'owner')}`,
    '',
  ].join('\n');
  const subject = warningNumber <= 1 ? `Your membership in the ${name} mailing list has been disabled` : `Reminder: your membership in the ${name} mailing list is disabled`;
  await enqueue(tx, d, list, { to: [member.address], subject, text, purpose: warningNumber <= 1 ? 'bounce-disabled' : 'bounce-warning' });
}

export async function sendRemovedNotice(tx: Store, d: BounceDeps, list: MailingList, member: Member): Promise<void> {
  const name = listDisplayName(list);
  const text = [
    `You are no longer a member of the ${name} mailing list <${list.address}>: mail to`,
    `${member.address} kept bouncing, and delivery was not re-enabled.`,
    '',
    `To join again, send any message to ${roleAddress(list.name, list.domain, 'join')}`,
    `or visit ${listInfoUrl(d.site, list.name)}`,
    '',
  ].join('\n');
  await enqueue(tx, d, list, { to: [member.address], subject: `You have been removed from the ${name} mailing list`, text, purpose: 'bounce-removed' });
}

export async function sendProbe(tx: Store, d: BounceDeps, list: MailingList, member: Member, token: string): Promise<void> {
  const name = listDisplayName(list);
  const text = [
    `This is a probe message from the ${name} mailing list <${list.address}>; you can ignore it.`,
    '',
    `The list has received bounces for mail it sent to ${member.address}, which may mean`,
    'that posts do not reach you. This message checks the address. If you are reading it,',
    'all is well and nothing needs doing.',
    '',
    `Questions go to the list owners: ${roleAddress(list.name, list.domain, 'owner')}`,
    '',
  ].join('\n');
  await enqueue(tx, d, list, {
    to: [member.address], subject: `${name} mailing list probe message`, text, purpose: PROBE_PURPOSE,
    envelopeFrom: roleAddress(list.name, list.domain, 'bounces', probeDetail(token)),
  });
}

export async function sendOwnerNotice(tx: Store, d: BounceDeps, list: MailingList, member: Member, what: 'disabled' | 'removed', why: string, bounce?: Buffer): Promise<void> {
  const name = listDisplayName(list);
  const text = what === 'disabled'
    ? [
        `Delivery to ${member.address} on ${list.address} is disabled because of bounces.`,
        `Last bounce: ${why}`,
        '',
        `The member was sent a re-enable link and will get ${list.settings.bounceYouAreDisabledWarnings} notice(s) in all before removal.`,
        `To re-enable delivery yourself: caucus members set ${list.address} ${member.address} delivery=on`,
        '',
      ]
    : [
        `${member.address} was removed from ${list.address}: delivery stayed disabled by bounces`,
        'through every reminder.',
        '',
      ];
  await enqueue(tx, d, list, {
    to: await ownerAddresses(tx, d, list),
    subject: what === 'disabled' ? `Bounce action notification: ${member.address} disabled on ${name}` : `Bounce action notification: ${member.address} removed from ${name}`,
    text: text.join('\n'),
    purpose: `bounce-owner-${what}`,
    ...(bounce ? { attach: bounce } : {}),
  });
}
