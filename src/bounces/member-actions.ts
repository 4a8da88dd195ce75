// What bounce processing does to a membership: disable delivery (with the first notice), send the
// next reminder, remove after the last one, send a probe first when the list asks for one, and
// re-enable. Every function works on the caller's transaction and saves the member's record.
import { createHash } from 'node:crypto';
import type { MailingList, Member } from '../domain/list.ts';
import type { BounceInfo, Store } from '../store/types.ts';
import type { BounceDeps } from './deps.ts';
import { sendDisabledNotice, sendOwnerNotice, sendProbe, sendRemovedNotice } from './notices.ts';

export const DISABLED_REASON = 'bounces';

/** Removes the member for bounces, with the member's and (when asked) the owners' notices. */
export async function removeForBounces(tx: Store, d: BounceDeps, list: MailingList, member: Member): Promise<void> {
  await tx.removeMember(member.id);
  await sendRemovedNotice(tx, d, list, member);
  if (list.settings.bounceNotifyOwnerOnRemoval) await sendOwnerNotice(tx, d, list, member, 'removed', '');
}

/** Sends the next reminder, or removes the member once every reminder went out. */
export async function advanceDisabled(tx: Store, d: BounceDeps, list: MailingList, member: Member, info: BounceInfo, step: 'warn' | 'remove'): Promise<void> {
  if (step === 'remove') {
    await removeForBounces(tx, d, list, member);
    return;
  }
  const next = { ...info, warningsSent: info.warningsSent + 1, lastWarningAt: d.now() };
  await sendDisabledNotice(tx, d, list, member, next.warningsSent);
  await tx.putBounceInfo(next);
}

/** Turns delivery off for bounces and sends the first notice (or removes at once with no warnings). */
export async function disableForBounces(tx: Store, d: BounceDeps, list: MailingList, member: Member, info: BounceInfo, why: string, bounce?: Buffer): Promise<'disabled' | 'removed'> {
  const disabled = await tx.updateMember(member.id, { deliveryEnabled: false, disabledReason: DISABLED_REASON });
  const base: BounceInfo = { ...info, disabledAt: d.now(), warningsSent: 0, lastWarningAt: null, probeToken: null, probeSentAt: null };
  await tx.putBounceInfo(base);
  if (list.settings.bounceNotifyOwnerOnDisable) await sendOwnerNotice(tx, d, list, disabled, 'disabled', why, bounce);
  if (list.settings.bounceYouAreDisabledWarnings <= 0) {
    await removeForBounces(tx, d, list, disabled);
    return 'removed';
  }
  await advanceDisabled(tx, d, list, disabled, base, 'warn');
  return 'disabled';
}

/** Sends a VERP'd probe instead of disabling; its bounce (or its 5xx) confirms the address fails. */
export async function probeBeforeDisabling(tx: Store, d: BounceDeps, list: MailingList, member: Member, info: BounceInfo): Promise<void> {
  // Hashed so the token is lower-case hex whatever the token source gives (it travels in a local part).
  const token = createHash('sha256').update(d.token()).digest('hex').slice(0, 40);
  await tx.putBounceInfo({ ...info, probeToken: token, probeSentAt: d.now() });
  await sendProbe(tx, d, list, member, token);
}
