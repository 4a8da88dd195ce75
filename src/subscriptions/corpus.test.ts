// Real-world mail at the list robots (shared corpus): replies from a dozen mail programs, 629
// real bounces and auto-replies, and MIME torture tests. Quoted text is never read as commands,
// robots are never answered, and nothing crashes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';
import { deliverTo, makeDeps, makeList, takeSent } from './fixtures/kit.ts';

const emlIn = (dir: string, pattern = /\.(eml|txt)$/): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((n) => pattern.test(n)).sort().map((n) => join(dir, n)) : [];

/** The SMTP envelope sender a bounce arrived with, from its Return-Path (null for `<>`). */
function returnPath(raw: Buffer): string | null | undefined {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const head = text.slice(0, Math.max(0, text.search(/\r?\n\r?\n/)));
  const m = /^Return-Path:\s*<([^>]*)>/im.exec(head);
  if (!m) return undefined;
  return m[1] === '' ? null : m[1];
}

/** The section of a results reply with that title, one entry per line. */
function section(text: string, title: string): string[] {
  const start = text.indexOf(`- ${title}:\n`);
  if (start < 0) return [];
  const body = text.slice(start + title.length + 4);
  const end = body.indexOf('\n\n');
  return (end < 0 ? body : body.slice(0, end)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

for (const f of storeFactories) {
  describe(`real-world mail at the list robots on ${f.name}`, needsCorpus, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('replies from common mail programs: only the new text is read, never the quote', async () => {
      const deps = makeDeps(t.store, 1000);
      const list = await makeList(t.store);
      const dir = corpusPath('talon-quotes', 'standard_replies');
      const files = emlIn(dir, /\.eml$/);
      assert.ok(files.length >= 12);
      for (const file of files) {
        const name = file.replace(/^.*\/|\.eml$/g, '');
        const expectedFile = join(dir, `${name}_reply_text`);
        const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : 'Hello';
        const expectedLines = new Set(expected.split('\n').map((l) => l.trim()));
        const r = await deliverTo(deps, list, 'request', readFileSync(file), { envelopeFrom: 'someone@example.net' });
        assert.equal(r.queued, 1, name);
        const [reply] = await takeSent(t.store);
        assert.match(reply?.text ?? '', /No commands were found in this message\./, name);
        for (const line of [...section(reply?.text ?? '', 'Unprocessed'), ...section(reply?.text ?? '', 'Ignored')]) {
          assert.ok(expectedLines.has(line), `${name}: read ${JSON.stringify(line)}, which is not part of the reply`);
        }
      }
    });

    test('629 real bounces and auto-replies, with their own envelope senders: no answer to any', async () => {
      const deps = makeDeps(t.store, 100_000);
      const list = await makeList(t.store);
      const files = emlIn(corpusPath('sisimai-bounces', 'maildir', 'bsd'), /\.eml$/);
      assert.ok(files.length >= 600);
      const answered: string[] = [];
      for (const file of files) {
        const raw = readFileSync(file);
        const envelope = returnPath(raw);
        // Without a Return-Path the bounce came from the null sender, as bounces do (RFC 3464 §2).
        const r = await deliverTo(deps, list, 'request', raw, { envelopeFrom: envelope === undefined ? null : envelope });
        if (r.outcome !== 'ignored') answered.push(file.replace(/^.*\//, ''));
      }
      // Hotmail's old complaint reports (JMRP) are a bare forwarded message from staff@hotmail.com,
      // with no header or MIME type that marks them as machine-made: they get the help text once.
      assert.deepEqual(answered, ['arf-22.eml', 'arf-23.eml', 'arf-24.eml']);
      assert.equal((await takeSent(t.store)).length, 3);
    });

    test('MIME torture tests, bounce reports and odd mailboxes never crash any robot', async () => {
      const deps = makeDeps(t.store, 100_000);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      const files = [
        ...emlIn(corpusPath('mimekit-testdata', 'messages')),
        ...['rfc', 'legacy', 'malformed', 'thirdparty'].flatMap((d) => emlIn(corpusPath('stalwart-mail-parser', 'resources', 'eml', d), /\.eml$/)),
        ...emlIn(corpusPath('sisimai-bounces', 'maildir', 'not'), /\.eml$/),
        ...emlIn(corpusPath('sisimai-bounces', 'mailbox'), /^size-/),
      ];
      assert.ok(files.length >= 100);
      for (const file of files) {
        const raw = readFileSync(file);
        for (const role of ['join', 'leave', 'request', 'confirm'] as const) {
          const r = await deliverTo(deps, list, role, raw, { envelopeFrom: 'tester@example.net', detail: role === 'confirm' ? 'not-a-token' : null });
          // One reply at most, plus a confirmation per join command a message may hold.
          assert.ok(r.queued <= 1 + 10, `${file} at -${role}: ${r.queued} notices`);
        }
      }
      await takeSent(t.store);
    });
  });
}
