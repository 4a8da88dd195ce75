// The authentication service the pipeline is given: DMARC policy look-ups and checks of incoming
// posts, both over one caching resolver, with our host name as the authserv-id. Each call has a
// deadline, so a resolver that never answers delays a post by seconds, not by minutes.
import type { AuthSummary, DmarcFact } from '../domain/authentication.ts';
import { authenticatePost, type AuthenticateInput } from './authenticate.ts';
import type { DnsResolver } from './dns-cache.ts';
import { domainOf, lookupDmarcPolicy } from './dmarc-policy.ts';

export interface MailAuth {
  /** The author domain's DMARC policy (RFC 7489 §6.6.3). */
  dmarcPolicy(domain: string): Promise<DmarcFact>;
  /** DKIM, SPF, ARC and DMARC results of a post as received. */
  authenticate(input: AuthenticateInput): Promise<AuthSummary>;
}

export interface MailAuthOptions {
  resolver: DnsResolver;
  authservId: string;
  now(): Date;
  /** Milliseconds a post's checks may take before they count as temperror (default 15 s). */
  authenticateMs?: number;
  /** Milliseconds a policy look-up may take before the policy counts as unknown (default 8 s). */
  policyMs?: number;
}

function withDeadline<T>(work: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** RFC 8601 §2.7: temperror for every method when DNS did not answer in time. */
function timedOut(input: AuthenticateInput, authservId: string): AuthSummary {
  const from = /^From:[^\r\n]*?([^\s<>"]+@[^\s<>"]+)/im.exec(input.raw.subarray(0, 64 * 1024).toString('latin1'))?.[1] ?? '';
  return {
    authservId,
    results: ['dkim=temperror (DNS timed out)', ...(input.client ? ['spf=temperror (DNS timed out)'] : []), 'dmarc=temperror (DNS timed out)'],
    dkim: [],
    spf: input.client ? { result: 'temperror', domain: null } : null,
    dmarc: { result: 'temperror', policy: null, domain: domainOf(from) || null },
    arc: { result: 'none' },
  };
}

export function createMailAuth(o: MailAuthOptions): MailAuth {
  return {
    dmarcPolicy: (domain) =>
      withDeadline(lookupDmarcPolicy(domain, o.resolver), o.policyMs ?? 8000, () => ({ domain, orgDomain: domain, policy: null, lookup: 'error', record: null })),
    authenticate: (input) => withDeadline(authenticatePost(input, o), o.authenticateMs ?? 15_000, () => timedOut(input, o.authservId)),
  };
}
