// Measures personalized copies per second with signing on: each ~4 KB prepared post is rendered per
// member (footer, one-click link) and then DKIM-signed (RSA-2048 or Ed25519), with or without an ARC
// set, 16 copies in flight as a deliver job sends them; and mailauth's dkimSign for comparison.
// Run: node --import tsx bench/dkim-sign.ts [copies]
import { performance } from 'node:perf_hooks';
import { dkimSign } from 'mailauth';
import { compileCopies } from '../src/delivery/personalize.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import type { MailingList } from '../src/domain/list.ts';
import type { Site } from '../src/domain/site.ts';
import { encodeQuotedPrintable } from '../src/mime/index.ts';
import { generateKeyPem, signCopy, signingKey, type SigningKey } from '../src/auth-mail/index.ts';

const N = Number(process.argv[2] ?? 2000);
const site: Site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Example', adminAddress: 'admin@example.org' };
const list: MailingList = { id: 1, name: 'governance', domain: 'lists.example.org', address: 'governance@lists.example.org', settings: defaultListSettings(), createdAt: new Date(0) };
const paragraph = 'Ceci est un paragraphe de démonstration, avec quelques caractères accentués, pour remplir le message. ';
const text = Array.from({ length: 30 }, (_, i) => `${i}: ${paragraph}`).join('\n') + '\n';
const headers = [
  'Authentication-Results: lists.example.org;',
  ' spf=pass smtp.mailfrom=ann@example.com; dmarc=pass header.from=example.com',
  'From: Ann Example <ann@example.com>',
  'To: governance@lists.example.org',
  'Subject: [governance] A post of about four kilobytes',
  'Date: Mon, 1 Jan 2024 10:00:00 +0000',
  'Message-ID: <bench-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  'List-Id: Governance <governance.lists.example.org>',
  'List-Unsubscribe: <mailto:governance-leave@lists.example.org>,',
  ' <https://lists.example.org/lists/governance#leave>',
  'List-Post: <mailto:governance@lists.example.org>',
].join('\r\n');
const prepared = Buffer.concat([Buffer.from(`${headers}\r\n\r\n`), encodeQuotedPrintable(Buffer.from(text), '\r\n')]);
const render = compileCopies(prepared, list, site, 'personalized');
const member = (i: number) => ({ address: `member${i}@example.net`, unsubscribeToken: `token-${i}-abcdefghijklmnop` });
const now = () => new Date('2024-05-01T12:00:00Z');

async function measure(label: string, n: number, sign: ((copy: Buffer) => Promise<Buffer>) | null): Promise<void> {
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        const copy = render(member(next++));
        const out = sign ? await sign(copy) : copy;
        bytes += out.length;
      }
    }),
  );
  const ms = performance.now() - t0;
  process.stdout.write(`${label}: ${n} copies in ${ms.toFixed(0)} ms = ${Math.round(n / (ms / 1000)).toLocaleString('en')} copies/s, ${((ms * 1000) / n).toFixed(0)} µs/copy (${bytes} B)\n`);
}

const rsa = signingKey('lists.example.org', 'rsa', generateKeyPem('rsa', 2048));
const ed = signingKey('lists.example.org', 'ed', generateKeyPem('ed25519'));
const ours = (key: SigningKey, arc: boolean) => (copy: Buffer) => signCopy(copy, { key, dkim: true, arc, authservId: 'lists.example.org', now });
const rsaPem = rsa.key.export({ type: 'pkcs8', format: 'pem' });

await measure('render only (baseline)', N * 10, null);
await measure('render + DKIM rsa-sha256 2048', N, ours(rsa, false));
await measure('render + DKIM + ARC rsa-sha256 2048', Math.ceil(N / 3), ours(rsa, true));
await measure('render + DKIM ed25519-sha256', N, ours(ed, false));
await measure('render + DKIM + ARC ed25519-sha256', N, ours(ed, true));
await measure('render + mailauth dkimSign rsa-sha256 2048 (comparison)', Math.ceil(N / 4), async (copy) => {
  const data = { signingDomain: 'lists.example.org', selector: 'rsa', privateKey: rsaPem };
  const r = await dkimSign(copy, { ...data, signatureData: [data], signTime: now() });
  return Buffer.concat([Buffer.from(r.signatures), copy]);
});
