import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { ListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import type { Site } from '../domain/site.ts';
import { compileCopies, compileTemplate, renderTemplate, templateValues } from './personalize.ts';

const dir = join(import.meta.dirname, 'fixtures-personalize');
const site: Site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Example Lists', adminAddress: 'admin@example.org' };
const list = (settings: Partial<ListSettings> = {}): MailingList => ({
  id: 1,
  name: 'governance',
  domain: 'lists.example.org',
  address: 'governance@lists.example.org',
  settings: { ...defaultListSettings(), headerTemplate: 'Sent to {member_address} by {display_name}', ...settings },
  createdAt: new Date(0),
});
const member = { address: 'bob@example.net', unsubscribeToken: 'tok-123' };
const fixture = (name: string): Buffer => readFileSync(join(dir, name));

function assertGolden(name: string, actual: Buffer): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  assert.ok(existsSync(path), `missing golden file ${name} (run with UPDATE_GOLDEN=1 to write it)`);
  assert.equal(actual.toString('latin1'), readFileSync(path).toString('latin1'), `${name} differs`);
}

/** Decoded text of every text/plain part postal-mime sees, body or attachment. */
async function plainTexts(raw: Buffer): Promise<string> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
  const attached = email.attachments.filter((a) => a.mimeType === 'text/plain').map((a) => String(a.content));
  return [email.text ?? '', ...attached].join('\n');
}

const cases = ['plain-crlf', 'qp-utf8', 'base64', 'latin1-8bit', 'mixed', 'alternative', 'signed', 'html-only', 'rfc822'];

for (const name of cases) {
  test(`member copy: ${name}`, async () => {
    const copy = compileCopies(fixture(`${name}.in.eml`), list(), site, 'personalized')(member);
    assertGolden(`${name}.member.eml`, copy);
    const text = await plainTexts(copy);
    assert.match(text, /To leave the list, send any message to governance-leave@lists\.example\.org/);
    assert.match(text, /or visit https:\/\/lists\.example\.org\/u\/tok-123/);
    assert.match(text, /Sent to bob@example\.net by Governance/);
  });
}

test('a member copy carries the one-click List-Unsubscribe in the place of the generic one', () => {
  const copy = compileCopies(fixture('plain-crlf.in.eml'), list(), site, 'personalized')(member).toString();
  assert.match(
    copy,
    /\r\nList-Post: <mailto:governance@lists.example.org>\r\nList-Unsubscribe: <mailto:governance-leave@lists.example.org>,\r\n <https:\/\/lists.example.org\/u\/tok-123>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nList-Archive:/,
  );
  assert.equal(copy.match(/^List-Unsubscribe:/gm)?.length, 1);
});

test('bulk copies: generic footer and List-Unsubscribe, no List-Unsubscribe-Post, one buffer for all', () => {
  const render = compileCopies(fixture('plain-crlf.in.eml'), list(), site, 'bulk');
  const copy = render(null);
  assert.equal(render(member), copy);
  const text = copy.toString();
  assert.doesNotMatch(text, /List-Unsubscribe-Post/);
  assert.match(text, /List-Unsubscribe: <mailto:governance-leave@lists.example.org>,\r\n <https:\/\/lists.example.org\/lists\/governance#leave>\r\n/);
  assert.match(text, /or visit https:\/\/lists.example.org\/lists\/governance#leave\r\n/);
  assert.doesNotMatch(text, /bob@example.net/);
  assertGolden('plain-crlf.bulk.eml', copy);
});

test('in personalized mode, null and a member without a token get the generic link', () => {
  const render = compileCopies(fixture('plain-crlf.in.eml'), list(), site, 'personalized');
  assert.deepEqual(render(null), compileCopies(fixture('plain-crlf.in.eml'), list(), site, 'bulk')(null));
  const noToken = render({ address: 'carol@example.org', unsubscribeToken: '' }).toString();
  assert.doesNotMatch(noToken, /List-Unsubscribe-Post/);
  assert.match(noToken, /Sent to carol@example.org by Governance/);
});

test('two members\' copies differ only in the member\'s address and link', () => {
  const render = compileCopies(fixture('qp-utf8.in.eml'), list(), site, 'personalized');
  const a = render(member).toString();
  const b = render({ address: 'zed@example.org', unsubscribeToken: 'other' }).toString();
  assert.equal(a.replaceAll('bob@example.net', 'X').replaceAll('tok-123', 'T'), b.replaceAll('zed@example.org', 'X').replaceAll('other', 'T'));
});

test('no templates: the body is the prepared body byte for byte', () => {
  const prepared = fixture('signed.in.eml');
  const copy = compileCopies(prepared, list({ headerTemplate: '', footerTemplate: '' }), site, 'personalized')(member);
  const body = (b: Buffer): string => b.toString('latin1').slice(b.indexOf('\r\n\r\n'));
  assert.equal(body(copy), body(prepared));
});

test('templates: every variable is filled; unknown names stay as written', () => {
  const values = templateValues(list(), site);
  const pieces = compileTemplate(
    '{list_name}|{display_name}|{list_address}|{list_info_url}|{leave_address}|{join_address}|{request_address}|{archive_url}|{unsubscribe_url}|{member_address}|{nope}   \r\n\r\n',
    values,
  );
  assert.equal(
    renderTemplate(pieces, { member_address: 'm@x.org', unsubscribe_url: 'https://u' }),
    'governance|Governance|governance@lists.example.org|https://lists.example.org/lists/governance|governance-leave@lists.example.org|' +
      'governance-join@lists.example.org|governance-request@lists.example.org|https://lists.example.org/archives/governance/|https://u|m@x.org|{nope}',
  );
  assert.equal(compileTemplate('  \n ', values), null);
  assert.equal(renderTemplate(compileTemplate('{display_name}', { display_name: '{member_address}' }), { member_address: 'm', unsubscribe_url: 'u' }), '{member_address}');
});
