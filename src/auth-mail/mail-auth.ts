// The authentication service the pipeline is given: DMARC policy look-ups and checks of incoming
// posts, both over one caching resolver, with our host name as the authserv-id.
import type { AuthSummary, DmarcFact } from '../domain/authentication.ts';
import { authenticatePost, type AuthenticateInput } from './authenticate.ts';
import type { DnsResolver } from './dns-cache.ts';
import { lookupDmarcPolicy } from './dmarc-policy.ts';

export interface MailAuth {
  /** The author domain's DMARC policy (RFC 7489 §6.6.3). */
  dmarcPolicy(domain: string): Promise<DmarcFact>;
  /** DKIM, SPF, ARC and DMARC results of a post as received. */
  authenticate(input: AuthenticateInput): Promise<AuthSummary>;
}

export function createMailAuth(d: { resolver: DnsResolver; authservId: string; now(): Date }): MailAuth {
  return {
    dmarcPolicy: (domain) => lookupDmarcPolicy(domain, d.resolver),
    authenticate: (input) => authenticatePost(input, d),
  };
}
