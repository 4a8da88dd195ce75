// DKIM keys: generating a pair, the DNS TXT record that publishes its public half (RFC 6376
// §3.6.1, RFC 8463 §4.2 for Ed25519), and the key files, one folder per domain:
// `<dir>/<domain>/<selector>.pem` (PKCS#8, mode 0600) and `<dir>/<domain>/active` naming the selector
// in use. The keyring re-reads a domain at most once a minute, so a new key needs no restart.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SigningAlgorithm, SigningKey } from './signature-field.ts';

export type KeyKind = 'rsa' | 'ed25519';

/** A domain name and a selector are DNS labels (RFC 6376 §3.1): nothing that could walk the file system. */
const LABELS_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
export const isDnsName = (s: string): boolean => LABELS_RE.test(s);

/** A new private key as PKCS#8 PEM. RSA keys below 1024 bits are refused by receivers (RFC 8301 §3.2). */
export function generateKeyPem(kind: KeyKind, bits = 2048): string {
  if (kind === 'ed25519') return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (bits < 1024 || bits > 8192) throw new RangeError(`RSA keys have 1024 to 8192 bits, not ${bits}`);
  return generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signingKey(domain: string, selector: string, pem: string): SigningKey {
  const key = createPrivateKey(pem);
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ed25519') throw new Error(`unsupported DKIM key type ${String(type)}`);
  const algorithm: SigningAlgorithm = type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256';
  return { domain: domain.toLowerCase(), selector: selector.toLowerCase(), algorithm, key };
}

/** The TXT record text: `v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo, base64>` or the raw Ed25519 key. */
export function dnsRecord(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType === 'ed25519') {
    const x = pub.export({ format: 'jwk' }).x ?? '';
    return `v=DKIM1; k=ed25519; p=${Buffer.from(x, 'base64url').toString('base64')}`;
  }
  return `v=DKIM1; k=rsa; p=${pub.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

/** The record as a zone-file line, split in character-strings of at most 255 octets (RFC 1035 §3.3). */
export function zoneLine(domain: string, selector: string, record: string): string {
  const strings = record.match(/.{1,255}/g) ?? [''];
  return `${selector}._domainkey.${domain}. IN TXT ( ${strings.map((s) => `"${s}"`).join(' ')} )`;
}

/** Reads the quoted character-strings back out of a zone line, joined (what a resolver returns). */
export function recordFromZoneLine(line: string): string {
  return [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
}

export interface StoredKey {
  selector: string;
  active: boolean;
  key: SigningKey;
}

export class DkimKeyring {
  private readonly cache = new Map<string, { at: number; key: SigningKey | null }>();

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly refreshMs = 60_000,
  ) {}

  private folder(domain: string): string {
    const d = domain.toLowerCase();
    if (!isDnsName(d)) throw new Error(`not a domain name: ${JSON.stringify(domain)}`);
    return join(this.dir, d);
  }

  /** Writes a new key; it becomes the one in use when `activate` says so. Never replaces a key. */
  async save(domain: string, selector: string, pem: string, activate: boolean): Promise<StoredKey> {
    if (!isDnsName(selector.toLowerCase())) throw new Error(`not a selector: ${JSON.stringify(selector)}`);
    const key = signingKey(domain, selector, pem);
    const folder = this.folder(domain);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(join(folder, `${key.selector}.pem`), pem, { mode: 0o600, flag: 'wx' });
    if (activate) await this.activate(domain, key.selector);
    this.cache.delete(key.domain);
    return { selector: key.selector, active: activate, key };
  }

  /** Makes an existing key the one in use (written aside and renamed, so readers never see half a name). */
  async activate(domain: string, selector: string): Promise<void> {
    const s = selector.toLowerCase();
    if (!isDnsName(s)) throw new Error(`not a selector: ${JSON.stringify(selector)}`);
    const folder = this.folder(domain);
    const tmp = join(folder, `active.${process.pid}.tmp`);
    await writeFile(tmp, `${s}\n`, { mode: 0o600 });
    await rename(tmp, join(folder, 'active'));
    this.cache.delete(domain.toLowerCase());
  }

  /** The selector in use for a domain, or null. */
  async activeSelector(domain: string): Promise<string | null> {
    try {
      const s = (await readFile(join(this.folder(domain), 'active'), 'utf8')).trim().toLowerCase();
      return isDnsName(s) ? s : null;
    } catch {
      return null;
    }
  }

  /** A domain's key with that selector, or null. */
  async load(domain: string, selector: string): Promise<SigningKey | null> {
    if (!isDnsName(selector.toLowerCase())) return null;
    try {
      return signingKey(domain, selector, await readFile(join(this.folder(domain), `${selector.toLowerCase()}.pem`), 'utf8'));
    } catch {
      return null;
    }
  }

  /** The key in use for a domain, or null; cached for a minute. */
  async forDomain(domain: string): Promise<SigningKey | null> {
    const d = domain.toLowerCase();
    const hit = this.cache.get(d);
    if (hit && this.now() - hit.at < this.refreshMs) return hit.key;
    const selector = isDnsName(d) ? await this.activeSelector(d) : null;
    const key = selector ? await this.load(d, selector) : null;
    this.cache.set(d, { at: this.now(), key });
    return key;
  }
}
