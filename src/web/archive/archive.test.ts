// Every kind of archive page over HTTP against the real app: the archive list, months, month
// indexes, Pipermail URLs, a message (hidden addresses, prev/next, footer link), the permalink,
// a thread, search, feeds and downloads, attachments, and the private/none policies.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import { importArchive, readMbox } from '../../archive/index.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const MBOX = [
  'From alice@example.org Mon Jun  3 10:00:00 2019\nFrom: Alice Example <alice@example.org>\nSubject: Scheduler topics\nDate: Mon, 3 Jun 2019 10:00:00 +0000\nMessage-ID: <a@x>\n\nSee https://example.org/plan and write to alice@example.org.\n\n',
  'From bob@example.net Tue Jun  4 10:00:00 2019\nFrom: Bob <bob@example.net>\nSubject: Re: Scheduler topics\nDate: Tue, 4 Jun 2019 10:00:00 +0000\nMessage-ID: <b@x>\nIn-Reply-To: <a@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\n> See the plan\nAgreed. <script>alert(1)</script>\n--XX\nContent-Type: text/html; name=x.html\nContent-Disposition: attachment; filename=x.html\n\n<script>alert(2)</script>\n--XX--\n\n',
].join('');

async function* chunks(text: string) { yield Buffer.from(text); }

for (const kind of dbKinds) {
  describe(`archive pages on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    const get = async (path: string) => {
      const r = await fetch(base + path, { redirect: 'manual' });
      return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
    };
    const page = async (path: string) => {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      return r.body.toString('utf8');
    };
    before(async () => {
      t = await startTestApp(kind, `maildir:${mkdtempSync(join(tmpdir(), 'caucus-out-'))}`);
      base = `http://127.0.0.1:${t.running.ports.http}`;
      const s = t.app.store;
      const gov = await s.createList({ name: 'governance', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, gov, readMbox(chunks(MBOX)), { now: () => NOW });
      const priv = await s.createList({ name: 'secret', domain: 'lists.example.org', settings: { ...defaultListSettings(), archivePolicy: 'private' }, createdAt: NOW });
      await importArchive(s, priv, readMbox(chunks(MBOX)), { now: () => NOW });
      const none = await s.createList({ name: 'gone', domain: 'lists.example.org', settings: { ...defaultListSettings(), archivePolicy: 'none' }, createdAt: NOW });
      await importArchive(s, none, readMbox(chunks(MBOX)), { now: () => NOW });
    });
    after(async () => { await t.close(); });

    test('archive list and months', async () => {
      const all = await page('/archives/');
      assert.match(all, /href="\/archives\/governance\/"/);
      assert.doesNotMatch(all, /secret|gone/);
      const months = await page('/archives/governance/');
      assert.match(months, /June 2019/);
      assert.match(months, /2 messages/);
    });

    test('month indexes by thread, date, subject, author, in both URL schemes', async () => {
      for (const sort of ['thread', 'date', 'subject', 'author']) {
        const p = await page(`/archives/governance/2019-06/${sort}`);
        assert.match(p, /Scheduler topics/);
        const pm = await page(`/pipermail/governance/2019-June/${sort}.html`);
        assert.match(pm, /\/pipermail\/governance\/2019-June\/000000\.html/);
      }
      assert.match(await page('/pipermail/governance/'), /2019-June\/thread\.html/);
    });

    test('a message: addresses hidden, links, prev/next, thread, footer; nothing runs', async () => {
      const p = await page('/pipermail/governance/2019-June/000001.html');
      assert.match(p, /bob at example\.net/);
      assert.doesNotMatch(p, /bob@example\.net|alice@example\.org/);
      assert.match(p, /Previous message \(by date\):/);
      assert.match(p, /href="\/pipermail\/governance\/2019-June\/000000\.html"/);
      assert.match(p, /class="q q1"/);
      assert.doesNotMatch(p, /<script>/);
      assert.match(p, /More information about the Governance mailing list/);
      assert.match(p, /href="\/lists\/governance@lists\.example\.org"/);
      const first = await page('/archives/governance/n/0');
      assert.match(first, /<a href="https:\/\/example\.org\/plan" rel="nofollow noopener noreferrer">/);
      assert.match(first, /alice at example\.org/);
      assert.equal((await page('/archives/governance/m/b%40x')).includes('Agreed.'), true);
      const att = await get('/archives/governance/n/1/attachment/0');
      assert.equal(att.status, 200);
      assert.match(att.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.equal(att.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(att.headers.get('content-type'), 'application/octet-stream');
      assert.doesNotMatch(await page('/archives/governance/n/1/raw'), /bob@example\.net/);
    });

    test('thread page, feeds, downloads, search', async () => {
      const th = await page('/archives/governance/t/0');
      assert.match(th, /See <a href="https:\/\/example\.org\/plan"/);
      assert.match(th, /Agreed\./);
      assert.match(await page('/archives/governance/t/0/atom.xml'), /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
      const mbox = gunzipSync((await get('/pipermail/governance/2019-June.txt.gz')).body).toString('latin1');
      assert.equal(mbox.match(/^From /gm)?.length, 2);
      assert.doesNotMatch(mbox, /alice@example\.org/);
      const s = await page('/archives/governance/search?q=agreed');
      assert.match(s, /<mark>Agreed<\/mark>/);
      assert.match(await page('/archives/search?q=from%3Aalice'), /Scheduler topics/);
      assert.doesNotMatch(await page('/archives/search?q=agreed'), /secret/);
      const gz = await get('/archives/governance/search?q=agreed&format=mbox');
      assert.equal(gunzipSync(gz.body).toString('latin1').match(/^From /gm)?.length, 1);
    });

    test('private archives answer 403, lists without one 404', async () => {
      assert.equal((await get('/archives/secret/')).status, 403);
      assert.equal((await get('/pipermail/secret/2019-June/000000.html')).status, 403);
      assert.equal((await get('/archives/gone/')).status, 404);
      assert.equal((await get('/archives/governance/n/99')).status, 404);
    });
  });
}
