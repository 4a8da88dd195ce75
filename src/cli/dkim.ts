// `caucus dkim keygen|show|use`: makes a DKIM key for a list domain, prints the DNS TXT record to
// publish for it, and chooses which key signs. A domain's first key signs at once; a later one only
// after `caucus dkim use`, so its record can be published before any mail depends on it.
import type { Command } from 'commander';
import { join } from 'node:path';
import { CaucusError } from '../domain/errors.ts';
import { DkimKeyring, dnsRecord, generateKeyPem, isDnsName, zoneLine, type KeyKind } from '../auth-mail/index.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';

const keyringOf = (app: App): DkimKeyring => new DkimKeyring(app.config.dkimKeysDir || join(app.config.dataDir, 'dkim'));

function domainOption(app: App, given: string | undefined): string {
  const d = (given ?? app.site.hostname).trim().toLowerCase().replace(/\.$/, '');
  if (!isDnsName(d)) throw new CaucusError('invalid', `not a domain name: ${JSON.stringify(given ?? d)}`);
  return d;
}

const publishText = (domain: string, selector: string, record: string): string =>
  `Publish this DNS record (TXT at ${selector}._domainkey.${domain}):\n\n${zoneLine(domain, selector, record)}\n`;

interface KeygenOptions {
  domain?: string;
  selector?: string;
  algorithm: string;
  bits: string;
  activate?: boolean;
}

export const dkimCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const dkim = program.command('dkim').description('DKIM keys for signing outgoing mail');
    dkim
      .command('keygen')
      .description('make a DKIM key for a domain and print the DNS record to publish')
      .option('--domain <domain>', 'the list domain (default: the site host name)')
      .option('--selector <selector>', 'the key\'s selector (default: caucus-YYYYMM)')
      .option('--algorithm <rsa|ed25519>', 'key type; ed25519 (RFC 8463) is not yet verified everywhere', 'rsa')
      .option('--bits <n>', 'RSA key size', '2048')
      .option('--activate', 'sign with the new key at once even when the domain has one')
      .action(async (o: KeygenOptions) => {
        const app = await deps();
        const domain = domainOption(app, o.domain);
        const now = app.now();
        const selector = (o.selector ?? `caucus-${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`).toLowerCase();
        if (!isDnsName(selector) || selector.includes('.')) throw new CaucusError('invalid', `a selector is one DNS label: ${JSON.stringify(selector)}`);
        if (o.algorithm !== 'rsa' && o.algorithm !== 'ed25519') throw new CaucusError('invalid', `--algorithm is rsa or ed25519, not ${JSON.stringify(o.algorithm)}`);
        const bits = Number(o.bits);
        if (!Number.isInteger(bits) || bits < 1024 || bits > 8192) throw new CaucusError('invalid', `--bits is 1024 to 8192 (2048 recommended), not ${JSON.stringify(o.bits)}`);
        const keyring = keyringOf(app);
        if (await keyring.load(domain, selector)) throw new CaucusError('conflict', `${domain} already has a key with selector ${selector}; choose another with --selector`);
        const activate = o.activate === true || (await keyring.activeSelector(domain)) === null;
        const stored = await keyring.save(domain, selector, generateKeyPem(o.algorithm as KeyKind, bits), activate);
        io.out(`Wrote the ${stored.key.algorithm} key ${selector} for ${domain} in ${join(keyring.dir, domain)}.\n`);
        io.out(activate ? 'Mail for lists of this domain is signed with it from now on.\n\n' : `Not in use yet: publish the record, then run: caucus dkim use ${selector} --domain ${domain}\n\n`);
        io.out(publishText(domain, selector, dnsRecord(stored.key.key)));
      });
    dkim
      .command('show')
      .description('print the DNS record of the key in use for a domain')
      .option('--domain <domain>', 'the list domain (default: the site host name)')
      .action(async (o: { domain?: string }) => {
        const app = await deps();
        const domain = domainOption(app, o.domain);
        const key = await keyringOf(app).forDomain(domain);
        if (!key) throw new CaucusError('not_found', `no DKIM key in use for ${domain} (make one: caucus dkim keygen --domain ${domain})`);
        io.out(`${key.algorithm} key ${key.selector} signs mail for ${domain}.\n`);
        io.out(publishText(domain, key.selector, dnsRecord(key.key)));
      });
    dkim
      .command('use <selector>')
      .description('sign with this key from now on (publish its record first)')
      .option('--domain <domain>', 'the list domain (default: the site host name)')
      .action(async (selector: string, o: { domain?: string }) => {
        const app = await deps();
        const domain = domainOption(app, o.domain);
        const keyring = keyringOf(app);
        if (!(await keyring.load(domain, selector))) throw new CaucusError('not_found', `${domain} has no key with selector ${selector}`);
        await keyring.activate(domain, selector);
        io.out(`${domain} signs with ${selector.toLowerCase()} from now on (other workers within a minute).\n`);
      });
  },
};
