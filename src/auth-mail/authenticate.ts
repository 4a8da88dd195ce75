// Checks an incoming post as received: DKIM signatures (RFC 6376), SPF for the SMTP client (RFC
// 7208), the ARC chain (RFC 8617) and DMARC (RFC 7489), with mailauth and the injected resolver,
// and sums the results up for the rules and the Authentication-Results field (RFC 8601).
// Never throws: a check that cannot run reports temperror or permerror.
import { arc, dkimVerify, dmarc, spf } from 'mailauth';
import type { ARCResult, DKIMVerifyResult, DNSResolver, SPFResult } from 'mailauth';
import type { AuthSummary, DmarcPolicy, SmtpClient } from '../domain/authentication.ts';
import { DMARC_POLICIES } from '../domain/authentication.ts';
import type { DnsResolver } from './dns-cache.ts';

export interface AuthenticateInput {
  raw: Buffer;
  /** Null for mail that came another way (`caucus inject`): SPF is then not checked. */
  client: SmtpClient | null;
  envelopeFrom: string | null;
}

export interface AuthenticateDeps {
  resolver: DnsResolver;
  /** RFC 8601 §2.5 authserv-id: our host name. */
  authservId: string;
  now(): Date;
}

const RECEIVED_FROM_RE = /^Received:[ \t]*from[ \t\r\n]+([^\s(;]+)[^;]*?\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]/i;

/**
 * Over LMTP the client is our own MTA, so SPF is judged for the host that MTA received the message
 * from: the first Received field, which that MTA wrote (RFC 5321 §4.4).
 */
export function upstreamClient(raw: Buffer): { ip: string; helo: string } | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const start = head.search(/^Received:/im);
  if (start < 0) return null;
  const field = head.slice(start).split(/\r?\n(?![ \t])/)[0] ?? '';
  const m = RECEIVED_FROM_RE.exec(field);
  return m ? { helo: m[1] as string, ip: m[2] as string } : null;
}

const asPolicy = (p: unknown): DmarcPolicy | null =>
  typeof p === 'string' && (DMARC_POLICIES as readonly string[]).includes(p.toLowerCase()) ? (p.toLowerCase() as DmarcPolicy) : null;

const errorRow = (method: string, result: string, why: unknown): string =>
  `${method}=${result} (${String(why instanceof Error ? why.message : why).replace(/[()\\\r\n]/g, ' ').slice(0, 100).trim()})`;

export async function authenticatePost(input: AuthenticateInput, d: AuthenticateDeps): Promise<AuthSummary> {
  const resolver = d.resolver as unknown as DNSResolver;
  const results: string[] = [];
  const summary: AuthSummary = {
    authservId: d.authservId,
    results,
    dkim: [],
    spf: null,
    dmarc: { result: 'none', policy: null, domain: null },
    arc: { result: 'none' },
  };

  let dkim: DKIMVerifyResult | null = null;
  try {
    dkim = await dkimVerify(input.raw, { resolver, sender: input.envelopeFrom ?? undefined, curTime: d.now(), minBitLength: 1024 });
    for (const r of dkim.results) {
      results.push(r.info);
      if (r.signingDomain) summary.dkim.push({ result: r.status.result, domain: r.signingDomain.toLowerCase(), aligned: Boolean(r.status.aligned) });
    }
  } catch (e) {
    results.push(errorRow('dkim', 'permerror', e));
  }

  const client = input.client?.protocol === 'lmtp' ? upstreamClient(input.raw) : input.client;
  let spfResult: SPFResult | null = null;
  if (client) {
    try {
      spfResult = await spf({ sender: input.envelopeFrom ?? undefined, ip: client.ip, helo: client.helo ?? undefined, mta: d.authservId, resolver });
      results.push(spfResult.info);
      summary.spf = { result: spfResult.status.result, domain: spfResult.domain ?? null };
    } catch (e) {
      results.push(errorRow('spf', 'temperror', e));
      summary.spf = { result: 'temperror', domain: null };
    }
  }

  let arcResult: ARCResult | undefined;
  if (dkim?.arc) {
    try {
      // verifyASChain treats an empty chain as no chain, as it does `false`.
      arcResult = await arc({ ...dkim.arc, chain: dkim.arc.chain || [] }, { resolver, minBitLength: 1024 });
      if (arcResult.info) results.push(arcResult.info);
      summary.arc = { result: arcResult.status.result };
    } catch (e) {
      results.push(errorRow('arc', 'temperror', e));
      summary.arc = { result: 'temperror' };
    }
  }

  if (dkim && dkim.headerFrom.length > 0) {
    try {
      const r = await dmarc({
        headerFrom: dkim.headerFrom,
        spfDomains: spfResult?.status.result === 'pass' && spfResult.domain ? [spfResult.domain] : [],
        dkimDomains: dkim.results
          .filter((x) => x.status.result === 'pass')
          .map((x) => ({ id: x.id, domain: x.signingDomain, aligned: Boolean(x.status.aligned), underSized: x.status.underSized })),
        arcResult,
        resolver,
      });
      const from = dkim.headerFrom[0] ?? '';
      const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase() || null;
      if (r && r.status.result === 'fail' && !client) {
        // Without the SMTP client SPF was never asked, so a failure would only mean "not signed".
        summary.dmarc = { result: 'none', policy: asPolicy(r.policy), domain };
      } else if (r) {
        results.push(r.info);
        summary.dmarc = { result: r.status.result, policy: asPolicy(r.policy), domain };
      } else {
        // RFC 7489 §6.6.1: a From with several addresses cannot be judged.
        results.push('dmarc=permerror (several From addresses)');
        summary.dmarc = { result: 'permerror', policy: null, domain: null };
      }
    } catch (e) {
      results.push(errorRow('dmarc', 'temperror', e));
      summary.dmarc = { result: 'temperror', policy: null, domain: null };
    }
  }
  return summary;
}
