// Looks up the DMARC policy of a post's author domain (RFC 7489 §6.6.3): the TXT record at
// `_dmarc.<domain>`, else at `_dmarc.<organizational domain>` found by the Public Suffix List.
// mailauth's DMARC check does exactly this discovery (with the PSL it ships, tldts); asked with no
// passing identifiers, it reports the record and the policy that would apply.
import { dmarc } from 'mailauth';
import type { DNSResolver } from 'mailauth';
import { DMARC_POLICIES, type DmarcFact, type DmarcPolicy } from '../domain/authentication.ts';
import type { DnsResolver } from './dns-cache.ts';

const asPolicy = (p: unknown): DmarcPolicy | null => {
  const v = typeof p === 'string' ? p.trim().toLowerCase() : '';
  return (DMARC_POLICIES as readonly string[]).includes(v) ? (v as DmarcPolicy) : null;
};

/** The domain part of an address, lower-case, or '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
}

export async function lookupDmarcPolicy(domain: string, resolver: DnsResolver): Promise<DmarcFact> {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  const none: DmarcFact = { domain: d, orgDomain: d, policy: null, lookup: 'none', record: null };
  // A name DNS cannot hold needs no question (RFC 1035 §2.3.4: 253 octets, 63 per label).
  if (d === '' || d.length > 253 || !d.includes('.') || d.split('.').some((l) => l === '' || l.length > 63)) return none;
  let r: Awaited<ReturnType<typeof dmarc>>;
  try {
    r = await dmarc({ headerFrom: d, spfDomains: [], dkimDomains: [], resolver: resolver as unknown as DNSResolver });
  } catch {
    return { ...none, lookup: 'error' };
  }
  if (!r) return none;
  const orgDomain = (r.domain || d).toLowerCase();
  if (r.status.result === 'temperror') return { ...none, orgDomain, lookup: 'error' };
  if (r.status.result === 'none' || !r.rr) return { ...none, orgDomain };
  // RFC 7489 §6.6.3 step 6: a record whose p= is missing or unknown is ignored unless it has rua=;
  // either way no policy is asked of receivers.
  return { domain: d, orgDomain, policy: asPolicy(r.policy), lookup: 'found', record: r.rr };
}
