// Queues the site's own mails (sign-in links, password links, address changes) as `notify` jobs,
// throttled per address like confirmations, so the sign-in form cannot flood a mailbox.
import { addressKey } from '../domain/address.ts';
import { composeNotice, notifyJob } from '../delivery/index.ts';
import type { AuthDeps } from './deps.ts';

const HOUR_MS = 3_600_000;

export const siteMailLimitKey = (address: string): string => `site-mail:${addressKey(address)}`;

/** Queues one mail to `to`; false when the per-address limit held it back. */
export async function queueSiteMail(d: AuthDeps, m: { to: string; subject: string; text: string; purpose: string }): Promise<boolean> {
  const now = d.now();
  if (!(await d.store.hitRateLimit(siteMailLimitKey(m.to), now, HOUR_MS, d.confirmMailsPerHour))) return false;
  const from = d.site.adminAddress;
  const raw = await composeNotice({
    from: `"${d.site.siteName.replace(/["\\\r\n]/g, '')}" <${from}>`,
    to: m.to,
    subject: m.subject,
    text: m.text,
    hostname: d.site.hostname,
    date: now,
  });
  await d.store.enqueue(notifyJob({ listId: null, envelopeFrom: from, to: [m.to], raw: raw.toString('base64'), purpose: m.purpose }), now);
  return true;
}
