// Measures per-member rendering of prepared ~4 KB posts (quoted-printable, base64 and a wrapped
// multipart/alternative; default footer plus a header template) and prints copies per second and microseconds per copy, with compile time.
// Run: node --import tsx bench/personalize.ts
import { performance } from 'node:perf_hooks';
import { compileCopies } from '../src/delivery/personalize.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import type { MailingList } from '../src/domain/list.ts';
import type { Site } from '../src/domain/site.ts';
import { encodeBase64, encodeQuotedPrintable } from '../src/mime/index.ts';

const site: Site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Example', adminAddress: 'admin@example.org' };
const list: MailingList = {
  id: 1,
  name: 'governance',
  domain: 'lists.example.org',
  address: 'governance@lists.example.org',
  settings: { ...defaultListSettings(), headerTemplate: 'Sent to {member_address}' },
  createdAt: new Date(0),
};

const paragraph = 'Ceci est un paragraphe de démonstration, avec quelques caractères accentués, pour remplir le message. ';
const text = Array.from({ length: 30 }, (_, i) => `${i}: ${paragraph}`).join('\n') + '\n';
const headers = [
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
const qp = Buffer.concat([Buffer.from(`${headers}\r\n\r\n`), encodeQuotedPrintable(Buffer.from(text), '\r\n')]);
const b64 = Buffer.concat([
  Buffer.from(`${headers.replace('quoted-printable', 'base64')}\r\n\r\n`),
  encodeBase64(Buffer.from(text), '\r\n'),
]);
const alternative = Buffer.from(
  `${headers.replace('text/plain; charset=utf-8', 'multipart/alternative; boundary="alt"').replace('Content-Transfer-Encoding: quoted-printable\r\n', '')}\r\n\r\n` +
    `--alt\r\nContent-Type: text/plain\r\n\r\n${text.slice(0, 2000).replace(/[^\x00-\x7f]/g, 'e')}\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>${text.slice(0, 2000).replace(/[^\x00-\x7f]/g, 'e')}</p>\r\n--alt--\r\n`,
);

function run(label: string, prepared: Buffer, mode: 'personalized' | 'bulk', n: number): void {
  const t0 = performance.now();
  const render = compileCopies(prepared, list, site, mode);
  const compileMs = performance.now() - t0;
  let bytes = 0;
  for (let i = 0; i < 2000; i++) bytes += render({ address: `warm${i}@example.net`, unsubscribeToken: `w${i}` }).length;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) bytes += render({ address: `member${i}@example.net`, unsubscribeToken: `token-${i}-abcdefghijklmnop` }).length;
  const ms = performance.now() - t1;
  const perCopyUs = (ms * 1000) / n;
  process.stdout.write(
    `${label}: prepared ${prepared.length} B, compile ${compileMs.toFixed(2)} ms, ${n} copies in ${ms.toFixed(1)} ms = ` +
      `${Math.round(n / (ms / 1000)).toLocaleString('en')} copies/s, ${perCopyUs.toFixed(2)} µs/copy (${bytes} B written)\n`,
  );
}

run('text/plain quoted-printable, personalized', qp, 'personalized', 50_000);
run('text/plain base64, personalized', b64, 'personalized', 50_000);
run('multipart/alternative (wrapped), personalized', alternative, 'personalized', 50_000);
run('text/plain quoted-printable, bulk', qp, 'bulk', 50_000);
