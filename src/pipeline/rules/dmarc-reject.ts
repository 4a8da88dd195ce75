// dmarc-reject: the post fails DMARC (RFC 7489) while its author domain asks receivers to reject
// such mail — most often a forged From. Held or rejected when the list's dmarcRejectAction says so.
// It decides, like Mailman's dmarc-mitigation rule, before member moderation could accept a post
// that only claims to come from a member.
import type { Rule } from './types.ts';

export const dmarcReject: Rule = {
  id: 'dmarc-reject',
  decides: true,
  check({ list, auth }) {
    const action = list.settings.dmarcRejectAction;
    if (action === 'off' || !auth) return null;
    const { result, policy, domain } = auth.dmarc;
    if (result !== 'fail' || policy !== 'reject') return null;
    return {
      rule: 'dmarc-reject',
      action,
      reason: `The post fails DMARC for ${domain ?? 'its author domain'}, whose owner asks that such mail be rejected.`,
      details: { domain, policy, dmarc: result, spf: auth.spf?.result ?? null, dkim: auth.dkim.map((d) => `${d.domain}=${d.result}`).join(' ') || null, arc: auth.arc.result },
    };
  },
};
