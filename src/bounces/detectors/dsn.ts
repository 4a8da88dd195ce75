// RFC 3464 delivery status notifications: the message/delivery-status part names each recipient
// with its Action (failed, delayed, delivered, relayed, expanded) and Status. Also reads the same
// fields when a reporting system puts them in a text part instead.
import { parseDsn, type DsnReport, type DsnRecipient } from '../message/dsn-fields.ts';
import { cleanAddress } from '../message/addresses.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';

function inlineReports(ctx: BounceContext): DsnReport[] {
  const text = ctx.noticeLines.join('\n');
  const start = text.search(/^(?:Reporting-MTA|Final-Recipient|Original-Recipient)\s*:/im);
  if (start < 0 || !/^(?:Action|Status)\s*:/im.test(text)) return [];
  const report = parseDsn(text.slice(start));
  return report ? [report] : [];
}

function toFound(r: DsnRecipient): FoundRecipient | null {
  const address = r.address ? cleanAddress(r.address) : null;
  if (!address) return null;
  const found: FoundRecipient = { address };
  if (r.status) found.status = r.status;
  // The "smtp;" type says nothing; "X-Unix;" (a local mailer's exit code) is kept as a clue.
  if (r.diagnostic) found.diagnostic = r.diagnostic.replace(/^\s*smtp\s*;\s*/i, '');
  return found;
}

/** A missing Action is inferred from the status class (RFC 3463 §3.1: 5 permanent, 4 transient). */
function actionOf(r: DsnRecipient): string {
  if (r.action !== '') return r.action;
  if (r.status?.startsWith('5')) return 'failed';
  if (r.status?.startsWith('4')) return 'delayed';
  if (r.status?.startsWith('2')) return 'delivered';
  return '';
}

export const dsn: Detector = {
  id: 'dsn',
  detect(ctx: BounceContext): Detection | null {
    const reports = ctx.dsn.length > 0 ? ctx.dsn : inlineReports(ctx);
    const failures: FoundRecipient[] = [];
    const delays: FoundRecipient[] = [];
    const successes: FoundRecipient[] = [];
    for (const report of reports) {
      for (const r of report.recipients) {
        const action = actionOf(r);
        const found = toFound(r);
        // Non-standard actions seen in the wild: "error" (OpenSMTPD), "expired" (SendGrid).
        if (action.startsWith('fail') || action.startsWith('error') || action.startsWith('expire')) {
          if (found) failures.push(found);
        } else if (action.startsWith('delay')) {
          if (found) delays.push(found);
        } else if (/^(?:deliver|relay|expand)/.test(action)) {
          if (found) successes.push(found);
        }
      }
    }
    // A report may mix failed and delayed recipients: the failures are what counts.
    if (failures.length > 0) return { kind: 'failure', recipients: failures };
    if (delays.length > 0) return { kind: 'delay', recipients: delays };
    if (successes.length > 0) return { kind: 'not-a-bounce', reason: 'delivered', recipients: successes };
    return null;
  },
};
