// The production DnsQuery over the system's resolvers (node:dns/promises). A and AAAA answers carry
// their TTL; node:dns gives none for other types, so TXT is asked with our own small UDP query when
// it can be (dns-wire.ts), and the rest is kept for a fixed time.
import { Resolver } from 'node:dns/promises';
import { DnsError, type DnsAnswer, type DnsQuery } from './dns-cache.ts';
import { queryTxt } from './dns-wire.ts';

export interface SystemDnsOptions {
  /** Resolver addresses; the system's (/etc/resolv.conf) when empty. */
  servers?: string[];
  timeoutMs?: number;
  tries?: number;
  /** Seconds to keep answers whose TTL node:dns does not report. */
  defaultTtl?: number;
}

const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'ESERVFAIL');

export function systemDnsQuery(o: SystemDnsOptions = {}): DnsQuery {
  const timeout = o.timeoutMs ?? 3000;
  const tries = o.tries ?? 2;
  const resolver = new Resolver({ timeout, tries });
  if (o.servers && o.servers.length > 0) resolver.setServers(o.servers);
  const defaultTtl = o.defaultTtl ?? 300;
  const servers = (): string[] => resolver.getServers();

  return async (name, rrtype): Promise<DnsAnswer> => {
    const type = rrtype.toUpperCase();
    try {
      if (type === 'TXT') {
        const wire = await queryTxt(name, servers(), { timeoutMs: timeout, tries });
        if (wire) return wire;
        return { records: await resolver.resolveTxt(name), ttl: defaultTtl };
      }
      if (type === 'A' || type === 'AAAA') {
        const rows = type === 'A' ? await resolver.resolve4(name, { ttl: true }) : await resolver.resolve6(name, { ttl: true });
        return { records: rows.map((r) => r.address), ttl: rows.reduce((m, r) => Math.min(m, r.ttl), defaultTtl) };
      }
      if (type === 'MX') return { records: await resolver.resolveMx(name), ttl: defaultTtl };
      if (type === 'PTR') return { records: await resolver.resolvePtr(name), ttl: defaultTtl };
      if (type === 'NS') return { records: await resolver.resolveNs(name), ttl: defaultTtl };
      if (type === 'CNAME') return { records: await resolver.resolveCname(name), ttl: defaultTtl };
      throw new DnsError('ENOTIMP', name);
    } catch (e) {
      if (e instanceof DnsError) throw e;
      throw new DnsError(codeOf(e), name);
    }
  };
}
