// The mail authentication feature's public face: DNS with a TTL cache, DMARC policy look-ups,
// checks of incoming posts, DKIM keys, and DKIM signing and ARC sealing of outgoing copies.
export { cachingResolver, DnsError, type CachingResolver, type DnsAnswer, type DnsQuery, type DnsRecords, type DnsResolver } from './dns-cache.ts';
export { domainOf, lookupDmarcPolicy } from './dmarc-policy.ts';
export { authenticatePost, upstreamClient, type AuthenticateInput } from './authenticate.ts';
export { createMailAuth, type MailAuth, type MailAuthOptions } from './mail-auth.ts';
export { relaxedBody, relaxedHeader } from './canonicalize.ts';
export type { SigningAlgorithm, SigningKey } from './signature-field.ts';
export { bodyHash, dkimSignature, headerList, SIGNED_FIELDS } from './dkim-sign.ts';
export { arcSet, sealContext, type SealContext } from './arc-seal.ts';
export { signCopy, signerForList, type CopySigner, type KeySource, type SignOptions } from './copy-signer.ts';
export { DkimKeyring, dnsRecord, generateKeyPem, isDnsName, recordFromZoneLine, signingKey, zoneLine, type KeyKind, type StoredKey } from './dkim-keys.ts';
export { systemDnsQuery, type SystemDnsOptions } from './system-dns.ts';
