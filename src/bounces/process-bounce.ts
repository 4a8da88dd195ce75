// One bounce, end to end: who it names (the VERP'd address, a probe token, or what the parser
// found), whether it counts, and what follows: the score, a probe, disabling. Everything a bounce
// changes, its log row and the bounce message's state commit in one transaction.
import type { MailingList } from '../domain/list.ts';
import type { BounceSource, Store } from '../store/types.ts';
import type { BounceDeps } from './deps.ts';
import { parseBounce } from './parse-bounce.ts';
import { PROBE_DETAIL } from './notices.ts';
import { addBounce, emptyInfo, weigh } from './scoring.ts';
import { disableForBounces, probeBeforeDisabling } from './member-actions.ts';

/** One address a bounce is about, with what the report says of it. */
export interface BounceReport {
  address: string;
  source: BounceSource;
  kind: string;
  reason: string | null;
  permanent: boolean | null;
  /** The bounce message (messages.id), when the bounce came by mail. */
  messageId: number | null;
  detail: string;
  /** When the failure happened, when that is known and earlier than now (a recorded SMTP refusal). */
  at?: Date;
}

/** The member address in a VERP detail `local=domain` (deliver-job's verpSender), or null. */
export function verpAddress(detail: string | null): string | null {
  const m = detail?.match(/^(.+)=([^=]+)$/);
  return m ? `${m[1]}@${m[2]}` : null;
}

const describe = (r: Pick<BounceReport, 'kind' | 'reason' | 'permanent'>): string =>
  `${r.kind}${r.reason ? ` ${r.reason}` : ''}${r.permanent === null ? '' : r.permanent ? ', permanent' : ', temporary'}`;

/** Applies one report to the list's member of that address; returns what was done, for logs. */
export async function registerBounce(tx: Store, d: BounceDeps, list: MailingList, r: BounceReport, bounce?: Buffer): Promise<string> {
  const now = r.at ?? d.now();
  let weight = 0;
  const log = async (memberId: number | null, outcome: string): Promise<string> => {
    const { address, source, kind, reason, permanent, messageId, detail } = r;
    await tx.recordBounceEvent({ listId: list.id, memberId, address, at: now, source, kind, reason, permanent, weight, outcome, messageId, detail });
    return `${r.address}: ${outcome}`;
  };
  const member = await tx.getMember(list.id, r.address, 'member');
  if (!member) return log(null, 'no-member');
  const w = weigh(r.kind, r.reason, r.permanent);
  if (w.weight === 0) return log(member.id, w.why);
  if (!member.deliveryEnabled) return log(member.id, 'delivery-off');
  const locked = await tx.lockBounceInfo(member.id, list.id);
  // A record of an earlier disabling while delivery is on again: turned on by hand, so start afresh.
  const info = locked.disabledAt ? emptyInfo(member.id, list.id) : locked;
  const scored = addBounce(info, w.weight, now, list.settings);
  if (scored.outcome === 'same-day') return log(member.id, 'same-day');
  weight = w.weight;
  await tx.putBounceInfo(scored.info);
  const outcome = `${scored.outcome} ${w.why} (score ${scored.info.score})`;
  if (!scored.reached) return log(member.id, outcome);
  if (list.settings.bounceProbes) {
    if (scored.info.probeToken) return log(member.id, `${outcome}; probe already out`);
    await probeBeforeDisabling(tx, d, list, member, scored.info);
    return log(member.id, `${outcome}; probe sent`);
  }
  const done = await disableForBounces(tx, d, list, member, scored.info, `${describe(r)}: ${r.detail}`.slice(0, 500), bounce);
  return log(member.id, `${outcome}; ${done}`);
}

/** A bounce of a probe: a real failure confirms the address fails, and delivery is disabled. */
export async function registerProbeBounce(tx: Store, d: BounceDeps, list: MailingList, token: string, r: Omit<BounceReport, 'address'>, bounce?: Buffer): Promise<string> {
  const found = await tx.findBounceInfoByProbe(token);
  const info = found ? await tx.lockBounceInfo(found.memberId, found.listId) : null;
  const member = info ? await tx.getMemberById(info.memberId) : null;
  const address = member?.address ?? `probe-${token}`;
  const w = weigh(r.kind, r.reason, r.permanent);
  const log = async (outcome: string): Promise<string> => {
    await tx.recordBounceEvent({ ...r, address, source: 'probe', listId: list.id, memberId: member?.id ?? null, at: d.now(), weight: 0, outcome });
    return `${address}: ${outcome}`;
  };
  if (!info || info.probeToken !== token || !member || member.listId !== list.id) return log('unknown-probe');
  if (w.weight === 0) return log(`probe ${w.why}`);
  if (!member.deliveryEnabled) return log('delivery-off');
  const done = await disableForBounces(tx, d, list, member, info, `probe bounced: ${describe(r)}: ${r.detail}`.slice(0, 500), bounce);
  return log(`probe-confirmed; ${done}`);
}

/**
 * Mail to `L-bounces[+detail]`: parsed, applied to each member it names, logged, and the bounce
 * message marked processed with a summary, all in one transaction (a re-run after a crash finds
 * the message processed and does nothing).
 */
export async function processBounceMail(d: BounceDeps, list: MailingList, msg: { id: number; detail: string | null }, raw: Buffer): Promise<string> {
  const b = parseBounce(raw);
  const head = `bounce (${describe({ kind: b.kind, reason: b.reason, permanent: b.permanent })})`;
  const detail = (b.diagnostic ?? b.status ?? '').slice(0, 300);
  const probe = msg.detail ? PROBE_DETAIL.exec(msg.detail) : null;
  const verp = verpAddress(msg.detail);
  return d.store.transaction(async (tx) => {
    const lines: string[] = [];
    if (probe) {
      lines.push(await registerProbeBounce(tx, d, list, probe[1]!, { source: 'probe', kind: b.kind, reason: b.reason, permanent: b.permanent, messageId: msg.id, detail }, raw));
    } else if (verp) {
      // The VERP'd address is the one the list sent to; the report may name where it was forwarded.
      const own = b.recipients.find((x) => x.address.toLowerCase() === verp.toLowerCase());
      const r = own ?? { reason: b.reason, permanent: b.permanent };
      lines.push(await registerBounce(tx, d, list, { address: verp, source: 'mail', kind: b.kind, reason: r.reason, permanent: r.permanent, messageId: msg.id, detail }, raw));
    } else {
      for (const x of b.recipients) {
        const r: BounceReport = { address: x.address, source: 'mail', kind: b.kind, reason: x.reason, permanent: x.permanent, messageId: msg.id, detail: (x.diagnostic ?? x.status ?? '').slice(0, 300) };
        lines.push(await registerBounce(tx, d, list, r, raw));
      }
    }
    const summary = `${head}: ${lines.join('; ') || 'no address found'}`.slice(0, 2000);
    await tx.updateMessage(msg.id, { state: 'processed', stateReason: summary });
    return summary;
  });
}
