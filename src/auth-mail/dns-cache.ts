// The DNS resolver the authentication checks use, in the shape mailauth calls: (name, type) →
// records, throwing ENOTFOUND/ENODATA errors. It sits on an injected query function that also
// reports each answer's TTL, caches answers for that TTL (negative answers too, RFC 2308 §5) and
// shares one query between callers asking the same thing at once.

/** TXT answers are arrays of character-strings (RFC 1035 §3.3.14); A/AAAA/PTR/NS plain strings. */
export type DnsRecords = string[][] | string[] | Array<{ exchange: string; priority: number }>;

export interface DnsAnswer {
  records: DnsRecords;
  /** Seconds the answer may be cached (the smallest TTL of the RRset and any CNAME on the way). */
  ttl: number;
}

/** Answers one question, or throws a DnsError (ENOTFOUND, ENODATA, ETIMEOUT, ESERVFAIL, ...). */
export type DnsQuery = (name: string, rrtype: string) => Promise<DnsAnswer>;

/** What mailauth and the DMARC lookup call. */
export type DnsResolver = (name: string, rrtype: string) => Promise<DnsRecords>;

export class DnsError extends Error {
  constructor(
    readonly code: string,
    readonly hostname: string,
    /** For a negative answer: seconds it may be cached (RFC 2308 §5: from the SOA). */
    readonly ttl?: number,
  ) {
    super(`${code}: ${hostname}`);
    this.name = 'DnsError';
  }
}

/** NXDOMAIN and NODATA: answers that say "nothing here", which may be cached. */
export const isNegative = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOTFOUND' || e.code === 'ENODATA');

export interface DnsCacheOptions {
  /** Milliseconds since the epoch (injected so tests control expiry). */
  now(): number;
  maxEntries?: number;
  /** Negative answers without a TTL of their own are kept this many seconds. */
  negativeTtl?: number;
  /** No answer is kept longer than this many seconds, whatever its TTL says. */
  maxTtl?: number;
}

interface Entry {
  expires: number;
  records?: DnsRecords;
  error?: unknown;
}

const DEFAULTS = { maxEntries: 10_000, negativeTtl: 300, maxTtl: 86_400 };

export interface CachingResolver extends DnsResolver {
  /** Questions sent to the query function so far (cache misses). */
  readonly queries: () => number;
}

export function cachingResolver(query: DnsQuery, options: DnsCacheOptions): CachingResolver {
  const o = { ...DEFAULTS, ...options };
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<DnsRecords>>();
  let sent = 0;
  const keep = (key: string, ttl: number, e: Omit<Entry, 'expires'>): void => {
    const seconds = Math.min(Math.max(0, Number.isFinite(ttl) ? ttl : 0), o.maxTtl);
    if (seconds === 0) return;
    entries.delete(key);
    entries.set(key, { ...e, expires: o.now() + seconds * 1000 });
    // Map order is insertion order: the first entries are the oldest.
    while (entries.size > o.maxEntries) entries.delete(entries.keys().next().value as string);
  };

  const resolve = async (name: string, rrtype: string): Promise<DnsRecords> => {
    const key = `${rrtype.toUpperCase()} ${name.toLowerCase().replace(/\.$/, '')}`;
    const hit = entries.get(key);
    if (hit && hit.expires > o.now()) {
      if (hit.error !== undefined) throw hit.error;
      return hit.records as DnsRecords;
    }
    if (hit) entries.delete(key);
    const pending = inFlight.get(key);
    if (pending) return pending;
    sent++;
    const p = query(name, rrtype).then(
      (answer) => {
        keep(key, answer.ttl, { records: answer.records });
        return answer.records;
      },
      (e: unknown) => {
        // Failures (timeouts, SERVFAIL) are not cached: the next post asks again.
        if (isNegative(e)) keep(key, e instanceof DnsError && e.ttl !== undefined ? e.ttl : o.negativeTtl, { error: e });
        throw e;
      },
    );
    inFlight.set(key, p);
    try {
      return await p;
    } finally {
      inFlight.delete(key);
    }
  };
  return Object.assign(resolve, { queries: () => sent });
}
