// Conformance over real-world mail: every message of the MIME corpora goes through prepareListPost and
// a member render; neither may throw, the copy must still parse, and the footer must be readable text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import PostalMime from 'postal-mime';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import type { Site } from '../domain/site.ts';
import { prepareListPost } from '../pipeline/transforms/index.ts';
import { compileCopies } from './personalize.ts';

const site: Site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Example', adminAddress: 'admin@example.org' };
const list: MailingList = {
  id: 1,
  name: 'governance',
  domain: 'lists.example.org',
  address: 'governance@lists.example.org',
  settings: { ...defaultListSettings(), moderatorPassword: 'sekrit', headerTemplate: 'Sent to {member_address}' },
  createdAt: new Date(0),
};
const member = { address: 'member@example.net', unsubscribeToken: 'tok-corpus' };
const FOOTER_MARK = 'or visit https://lists.example.org/u/tok-corpus';

const SKIP = /(?:SOURCE\.md|COPYING|LICENSE.*|\.json|\.list|\.tnef|-summary\.txt|\.md)$/;

function files(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop() ?? '';
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (!SKIP.test(name)) out.push(p);
    }
  }
  return out.sort();
}

/** Messages in a file: an mbox is split at its `From ` lines; a single message loses a leading envelope line. */
function messagesIn(path: string): Buffer[] {
  let data = readFileSync(path);
  if (path.endsWith('.gz')) data = gunzipSync(data);
  const text = data.toString('latin1');
  if (/\.mbox(?:\.txt)?$/.test(path)) {
    return text
      .split(/^From .*\r?\n/m)
      .filter((m) => m.trim() !== '')
      .map((m) => Buffer.from(m, 'latin1'));
  }
  return [text.startsWith('From ') ? Buffer.from(text.slice(text.indexOf('\n') + 1), 'latin1') : data];
}

async function footerIsText(copy: Buffer): Promise<boolean> {
  const email = await PostalMime.parse(copy, { attachmentEncoding: 'utf8' });
  if ((email.text ?? '').includes(FOOTER_MARK)) return true;
  return email.attachments.some((a) => a.mimeType === 'text/plain' && String(a.content).includes(FOOTER_MARK));
}

for (const corpus of ['mimekit-testdata', 'stalwart-mail-parser', 'hyperkitty-testdata', 'mailman3-content-filter']) {
  test(`corpus ${corpus}: prepare and personalize every message`, needsCorpus, async () => {
    const root = corpusPath(corpus);
    assert.ok(existsSync(root), `${root} is missing`);
    const problems: string[] = [];
    let count = 0;
    for (const path of files(root)) {
      const messages = messagesIn(path);
      for (let i = 0; i < messages.length; i++) {
        const where = `${relative(root, path)}#${i}`;
        const raw = messages[i] ?? Buffer.alloc(0);
        count++;
        try {
          const prepared = prepareListPost(raw, { list, site, sequence: 1 });
          const copy = compileCopies(prepared, list, site, 'personalized')(member);
          if (!(await footerIsText(copy))) problems.push(`${where}: footer not found in a text/plain part`);
        } catch (err) {
          problems.push(`${where}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        }
      }
    }
    assert.ok(count > 0, 'no messages found');
    assert.deepEqual(problems, []);
  });
}
