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
import { archivePost, asctime, importArchive, readMbox } from '../../archive/index.ts';
import { createWebApp } from '../index.ts';
import { decodeMonthPage, encodeMonthPage, keepMonthPages, monthPageVariant } from './month-pages.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const MBOX = [
  'From alice@example.org Mon Jun  3 10:00:00 2019\nFrom: Alice Example <alice@example.org>\nSubject: Scheduler topics\nDate: Mon, 3 Jun 2019 10:00:00 +0000\nMessage-ID: <a@x>\n\nSee https://example.org/plan and write to alice@example.org.\n\n',
  'From bob@example.net Tue Jun  4 10:00:00 2019\nFrom: Bob <bob@example.net>\nSubject: Re: Scheduler topics\nDate: Tue, 4 Jun 2019 10:00:00 +0000\nMessage-ID: <b@x>\nIn-Reply-To: <a@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\n> See the plan\nAgreed. <script>alert(1)</script>\n--XX\nContent-Type: text/html; name=x.html\nContent-Disposition: attachment; filename=x.html\n\n<script>alert(2)</script>\n--XX--\n\n',
].join('');

async function* chunks(text: string) { yield Buffer.from(text); }

// A 31-message thread for pagination and the reader view: t0 is the root; t1 answers it; t2
// answers t1 but quotes t0; t3..t29 answer t0 (t7 quoting it at length); t30 answers t1 quoting it.
const ROOT_TEXT = 'The meeting moves to Tuesday at noon in room 4.';
const T1_TEXT = 'Tuesday works for me, I will book the projector.';
function threadMbox(): string {
  const parts: string[] = [];
  const at = (k: number) => new Date(Date.UTC(2020, 2, 1, 8 + k));
  const post = (k: number, parent: number | null, body: string) => {
    const d = at(k);
    parts.push([`From p${k}@example.org ${asctime(d)}`, `From: Poster ${k} <p${k}@example.org>`, `Subject: ${parent === null ? '' : 'Re: '}Plan for the meeting`,
      `Date: ${d.toUTCString()}`, `Message-ID: <t${k}@x>`, ...(parent === null ? [] : [`In-Reply-To: <t${parent}@x>`]), '', body, '', ''].join('\n'));
  };
  post(0, null, `${ROOT_TEXT}\nBring the budget.`);
  post(1, 0, `${T1_TEXT}\n\n-- \nCarol, projector keeper`);
  post(2, 1, `On Sun, 1 Mar 2020, Poster 0 wrote:\n> ${ROOT_TEXT}\n\nRoom 4 is too small.`);
  for (let k = 3; k < 30; k++) {
    post(k, 0, k === 7 ? `On Sun, 1 Mar 2020, Poster 0 wrote:\n${Array.from({ length: 12 }, (_, i) => `> quoted line ${i}`).join('\n')}\n\nA long quote above.` : `Reply number ${k}.`);
  }
  post(30, 1, `> ${T1_TEXT}\n\nThanks for the projector.`);
  return parts.join('');
}

/** 520 messages in January 2021: more than one page of a month index (500 rows). */
function busyMonth(): string {
  const parts: string[] = [];
  for (let k = 0; k < 520; k++) {
    const d = new Date(Date.UTC(2021, 0, 1) + k * 60_000);
    const reply = k % 2 === 1 ? `In-Reply-To: <busy${k - 1}@x>\n` : '';
    parts.push(`From b@example.org ${asctime(d)}\nFrom: B <b@example.org>\nSubject: ${reply ? 'Re: ' : ''}Topic ${k - (k % 2)}\nDate: ${d.toUTCString()}\nMessage-ID: <busy${k}@x>\n${reply}\nBody ${k}.\n\n`);
  }
  return parts.join('');
}

/** A thread of big mail: a long quote, a long message, and one too big to open on a thread page. */
function bigMail(): string {
  const post = (k: number, body: string, parent?: number) => `From p@example.org ${asctime(new Date(Date.UTC(2022, 0, 1, k)))}\nFrom: P <p@example.org>\n`
    + `Subject: Big ${k}\nDate: ${new Date(Date.UTC(2022, 0, 1, k)).toUTCString()}\nMessage-ID: <big${k}@x>\n${parent === undefined ? '' : `In-Reply-To: <big${parent}@x>\n`}\n${body}\n\n`;
  const long = Array.from({ length: 3000 }, (_, i) => `line ${i} of a long log, ${'x'.repeat(30)}`).join('\n');
  return post(0, `Start.\n${long}`) + post(1, `${Array.from({ length: 250 }, (_, i) => `> quoted ${i}`).join('\n')}\n\nShort answer.`, 0)
    + post(2, `Huge.\n${'y'.repeat(70)}\n`.repeat(4000), 0);
}

/** The HTML of each <article> on a page, by message number. */
function articles(html: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const part of html.split('<article').slice(1)) {
    const id = /id="m(\d+)"/.exec(part);
    if (id) out.set(Number(id[1]), part.split('</article>')[0]!);
  }
  return out;
}

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
      const meet = await s.createList({ name: 'meetings', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, meet, readMbox(chunks(threadMbox())), { now: () => NOW });
      const busy = await s.createList({ name: 'busy', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, busy, readMbox(chunks(busyMonth())), { now: () => NOW });
      const big = await s.createList({ name: 'bigmail', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, big, readMbox(chunks(bigMail())), { now: () => NOW });
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
        assert.match(pm, /<a href="000000\.html">/, 'relative links, as Pipermail wrote them');
        assert.match(p, /<a href="\.\.\/n\/0">/);
      }
      assert.match(await page('/pipermail/governance/'), /2019-June\/thread\.html/);
    });

    test('a message: addresses hidden, links, prev/next, thread, footer; nothing runs', async () => {
      const p = await page('/pipermail/governance/2019-June/000001.html');
      assert.match(p, /bob at example\.net/);
      assert.doesNotMatch(p, /bob@example\.net|alice@example\.org/);
      assert.match(p, /Previous message \(by date\):/);
      assert.match(p, /href="\/pipermail\/governance\/2019-June\/000000\.html"/);
      assert.match(p, /<details class="q" open><summary>Quoted text, 1 line/);
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

    test('a big month is paged under /archives/; Pipermail\'s thread.html, date.html… keep the whole month', async () => {
      const rows = (p: string) => [...p.matchAll(/<li[^>]*><a href="(?:\.\.\/n\/)?(\d+)/g)].map((m) => Number(m[1]));
      const p1 = await page('/archives/busy/2021-01/date');
      assert.deepEqual(rows(p1), Array.from({ length: 500 }, (_, i) => i));
      assert.match(p1, /Messages 1–500 of 520/);
      assert.match(p1, /<nav class="pages" aria-label="Pages of this month">.*href="\/archives\/busy\/2021-01\/date\?page=2"/s);
      const p2 = await page('/archives/busy/2021-01/date?page=2');
      assert.deepEqual(rows(p2), Array.from({ length: 20 }, (_, i) => 500 + i));
      assert.match(p2, /Messages 501–520 of 520/);
      assert.equal((await get('/archives/busy/2021-01/date?page=3')).status, 404);
      // Thread order keeps each thread's messages together, replies indented under their parent.
      const t2 = await page('/archives/busy/2021-01/thread?page=2');
      assert.deepEqual(rows(t2).slice(0, 2), [500, 501]);
      assert.match(t2, /<li><a href="\.\.\/n\/500">Topic 500<\/a>.*\n<li class="d1"><a href="\.\.\/n\/501">Re: Topic 500/);
      for (const sort of ['thread', 'date', 'subject', 'author']) {
        const whole = await page(`/pipermail/busy/2021-January/${sort}.html`);
        assert.equal(rows(whole).length, 520, sort);
        assert.doesNotMatch(whole, /Pages of this month/);
      }
    });

    test('a month index rendered once is served again until the archive changes, in every process on the store', async () => {
      const s = t.app.store;
      const list = await s.createList({ name: 'kept', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, list, readMbox(chunks(MBOX)), { now: () => NOW });
      // A second web process on the same database, with a cache of its own.
      const other = createWebApp({ ...t.app.pipeline, logger: { error: () => {} } });
      const fromOther = async (path: string) => (await other.request(path)).text();
      const rows = (p: string) => [...p.matchAll(/<li[^>]*><a href="(\d+)\.html">([^<]*)/g)].map((m) => `${m[1]} ${m[2]}`);
      for (const sort of ['thread', 'date', 'subject', 'author']) {
        const first = await page(`/pipermail/kept/2019-June/${sort}.html`);
        assert.equal(await page(`/pipermail/kept/2019-June/${sort}.html`), first, `${sort}: the same page again`);
        assert.equal(rows(await fromOther(`/pipermail/kept/2019-June/${sort}.html`)).length, 2);
        assert.equal(rows(first).length, 2);
      }
      // A live post into that month, archived through the store: both processes show it at once.
      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: Re: Scheduler topics\nIn-Reply-To: <a@x>\nMessage-ID: <c@x>\nDate: Wed, 5 Jun 2019 10:00:00 +0000\n\nLate reply.\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'c@x', subject: 'Re: Scheduler topics', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      await archivePost(s, list, postId, NOW);
      const thread = await page('/pipermail/kept/2019-June/thread.html');
      assert.deepEqual(rows(thread), ['000000 Scheduler topics', '000001 Re: Scheduler topics', '000002 Re: Scheduler topics']);
      assert.match(thread, /<li class="d1"><a href="000002\.html">/);
      assert.match(thread, /3 messages/);
      assert.equal(rows(await fromOther('/pipermail/kept/2019-June/date.html')).length, 3);
      // A reindexed row (a new subject) shows too: rewrites raise the month's generation as well.
      const [c] = await s.findArchiveEntries(list.id, 'c@x');
      await s.rewriteArchiveEntry(c!.id, { ...c!, subject: 'Re: Scheduler topics, revised' }, 'Late reply.');
      assert.match(await page('/pipermail/kept/2019-June/subject.html'), /000002\.html">Re: Scheduler topics, revised</);
      assert.match(await fromOther('/pipermail/kept/2019-June/subject.html'), /000002\.html">Re: Scheduler topics, revised</);
    });

    test('Pipermail month pages kept rendered by the worker are served from the store until their month changes', async () => {
      const s = t.app.store;
      const list = await s.createList({ name: 'pm', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, list, readMbox(chunks(MBOX)), { now: () => NOW });
      const mode = list.settings.addressObfuscation;
      const keptAt = async (sort: string) => (await s.archiveMonthPage(list.id, '2019-06', monthPageVariant(sort as 'thread', mode)))?.generation ?? null;
      // The worker's job renders every order of every month.
      await s.enqueue({ queue: 'archive-pages', payload: { listId: list.id } }, new Date());
      await t.app.runJobsUntilIdle();
      const june = (await s.archiveMonthState(list.id, '2019-06'))!.generation;
      for (const sort of ['thread', 'date', 'subject', 'author']) assert.equal(await keptAt(sort), june, sort);
      assert.equal(await keepMonthPages(s, list), 0, 'nothing left to render');
      const kept = decodeMonthPage((await s.archiveMonthPage(list.id, '2019-06', monthPageVariant('thread', mode)))!);
      assert.match(kept.html.toString(), /<a href="000001\.html">Re: Scheduler topics<\/a>/);
      // A process that never rendered the month serves the kept page: here one marked to tell it apart.
      await s.putArchiveMonthPage(list.id, '2019-06', monthPageVariant('thread', mode), encodeMonthPage({ ...kept, html: Buffer.from('<li><a href="000099.html">Kept marker</a></li>') }, june));
      const fresh = createWebApp({ ...t.app.pipeline, logger: { error: () => {} } });
      const read = async (path: string) => (await fresh.request(path)).text();
      assert.match(await read('/pipermail/pm/2019-June/thread.html'), /Kept marker/);
      assert.doesNotMatch(await read('/pipermail/pm/2019-June/date.html'), /Kept marker/);
      // A post archived through the worker changes the month: rendered anew at once, kept again by the job it queues.
      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: Re: Scheduler topics\nIn-Reply-To: <a@x>\nMessage-ID: <pm3@x>\nDate: Wed, 5 Jun 2019 10:00:00 +0000\n\nLate reply.\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'pm3@x', subject: 'Re: Scheduler topics', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      const before = Date.now();
      await s.enqueue({ queue: 'archive', payload: { listId: list.id, postId } }, new Date());
      await t.app.runJobsUntilIdle();
      const thread = await read('/pipermail/pm/2019-June/thread.html');
      assert.doesNotMatch(thread, /Kept marker/);
      assert.match(thread, /<a href="000002\.html">Re: Scheduler topics<\/a>/);
      const queued = (await s.listJobs('pending', 50)).filter((j) => j.queue === 'archive-pages' && JSON.parse(j.payload).listId === list.id);
      assert.equal(queued.length, 1);
      assert.ok(queued[0]!.runAt.getTime() >= before + 9_000, 'a little later, so that a burst of posts renders once');
      assert.equal(await keepMonthPages(s, list), 4, "June's four orders");
      assert.match(decodeMonthPage((await s.archiveMonthPage(list.id, '2019-06', monthPageVariant('thread', mode)))!).html.toString(), /000002\.html/);
      // Pages no job renewed (here: the list's address hiding changed) are kept by the maintenance job.
      await s.updateListSettings(list.id, { ...list.settings, addressObfuscation: 'none' });
      assert.equal(await s.archiveMonthPage(list.id, '2019-06', monthPageVariant('author', 'none')), null);
      await s.enqueue({ queue: 'maintenance', payload: {} }, new Date());
      await t.app.runJobsUntilIdle();
      const june3 = (await s.archiveMonthState(list.id, '2019-06'))!.generation;
      assert.equal((await s.archiveMonthPage(list.id, '2019-06', monthPageVariant('author', 'none')))?.generation, june3);
      assert.match(decodeMonthPage((await s.archiveMonthPage(list.id, '2019-06', monthPageVariant('date', 'none')))!).html.toString(), /<a href="000002\.html">Re: Scheduler topics<\/a>/);
    });

    test('a big thread is paged: the outline lists all of it, /t/N lands on the page holding N', async () => {
      const p1 = await page('/archives/meetings/t/0');
      assert.match(p1, /31 messages in this thread, page 1 of 2/);
      const a1 = articles(p1);
      assert.equal(a1.size, 25);
      assert.deepEqual([...a1.keys()].slice(0, 5), [0, 1, 2, 30, 3]);
      // The outline names every message: those here by anchor, the others on their page.
      assert.match(p1, /<a href="#m2">Re: Plan for the meeting<\/a>/);
      assert.match(p1, /<a href="\/archives\/meetings\/t\/0\?page=2#m29">/);
      assert.equal((p1.match(/<li[ >]/g) ?? []).length >= 31, true);
      assert.match(p1, /<nav class="pages" aria-label="Pages of this thread">.*<b aria-current="page">Page 1<\/b>.*href="\/archives\/meetings\/t\/0\?page=2"/s);
      const p2 = await page('/archives/meetings/t/27');
      assert.match(p2, /page 2 of 2/);
      assert.deepEqual([...articles(p2).keys()], [24, 25, 26, 27, 28, 29]);
      assert.match(p2, /<a href="\/archives\/meetings\/t\/0\?page=1#m0">/);
      assert.deepEqual([...articles(await page('/archives/meetings/t/27?page=1')).keys()].length, 25);
      assert.equal((await get('/archives/meetings/t/0?page=3')).status, 404);
      assert.equal((await get('/archives/meetings/t/0?page=x')).status, 404);
      // The message page links to its place in the thread.
      const m27 = await page('/archives/meetings/n/27');
      assert.match(m27, /href="\/archives\/meetings\/t\/27#m27">The whole thread/);
      assert.match(m27, /href="\/archives\/meetings\/t\/27\?view=reader#m27">Reader view/);
      assert.match(m27, /<b aria-current="page">Re: Plan for the meeting<\/b>/);
    });

    test('a thread of hundreds of messages lists the part of its outline around each page, not all of it on every page', async () => {
      const s = t.app.store;
      const list = await s.createList({ name: 'long', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const parts: string[] = [];
      for (let k = 0; k < 300; k++) {
        const d = new Date(Date.UTC(2023, 4, 1) + k * 60_000);
        parts.push(`From l@example.org ${asctime(d)}\nFrom: L <l@example.org>\nSubject: ${k ? 'Re: ' : ''}Long one\nDate: ${d.toUTCString()}\nMessage-ID: <long${k}@x>\n${k ? 'In-Reply-To: <long0@x>\n' : ''}\nPart ${k}.\n\n`);
      }
      await importArchive(s, list, readMbox(chunks(parts.join(''))), { now: () => NOW });
      const outline = (html: string) => [...(html.split('<h2 id="outline">')[1]!.split('</details>')[0]!).matchAll(/<li[^>]*><(?:a href="[^"]*#m|b)[^>]*?(\d*)"?>/g)].length;
      const p1 = await page('/archives/long/t/0');
      assert.match(p1, /Messages 1–125 of 300 \(12 pages\), around this page/);
      assert.equal(outline(p1), 125);
      assert.match(p1, /<a href="\/archives\/long\/t\/0\?page=5#m124">/);
      assert.doesNotMatch(p1, /#m125"/);
      const p6 = await page('/archives/long/t/0?page=6');
      assert.match(p6, /Messages 26–250 of 300 \(12 pages\), around this page/);
      assert.equal(outline(p6), 225);
      assert.equal(articles(p6).size, 25);
      assert.match(p6, /<a href="#m125">/);
      const p12 = await page('/archives/long/t/0?page=12');
      assert.match(p12, /Messages 176–300 of 300/);
      // A message page still centres its own window of the outline.
      assert.match(await page('/archives/long/n/150'), /80 of the 300 messages around this one/);
    });

    test('bodies: long quotes folded, short ones open, signature dimmed, layout in a wrapping monospace block', async () => {
      const a = articles(await page('/archives/meetings/t/0'));
      assert.match(a.get(7)!, /<details class="q"><summary>Quoted text, 12 lines: <span class="gist">quoted line 0<\/span><\/summary>/);
      assert.match(a.get(2)!, /<details class="q" open><summary>Quoted text, 1 line/);
      assert.match(a.get(1)!, /<div class="sig">-- \nCarol, projector keeper<\/div>/);
      const m = await page('/archives/meetings/n/7');
      assert.match(m, /\.body\{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace/);
      assert.match(m, /<div class="body"><div class="t">On Sun, 1 Mar 2020, Poster 0 wrote:<\/div><details class="q">/);
    });

    test('a thread page keeps big mail small: long quotes and long texts cut, huge messages linked; their own pages show all', async () => {
      for (const view of ['', '?view=reader']) {
        const a = articles(await page(`/archives/bigmail/t/0${view}`));
        assert.match(a.get(0)!, /line 1500 of a long log/, view);
        assert.doesNotMatch(a.get(0)!, /line 2999 of a long log/, view);
        assert.match(a.get(0)!, /<p class="more"><a href="\/archives\/bigmail\/n\/0">This message is long: the rest is on its own page\.<\/a><\/p>/, view);
        assert.match(a.get(2)!, /<p class="more"><a href="\/archives\/bigmail\/n\/2">This message is large \(3\d\d KB\): read it on its own page\.<\/a><\/p>/, view);
        assert.match(a.get(1)!, /Short answer\./, view);
      }
      const a = articles(await page('/archives/bigmail/t/0'));
      assert.match(a.get(1)!, /<details class="q"><summary>Quoted text, 250 lines: <span class="gist">quoted 0<\/span><\/summary><p class="more"><a href="\/archives\/bigmail\/n\/1">A long quote/);
      assert.doesNotMatch(a.get(1)!, /quoted 249/);
      assert.match(await page('/archives/bigmail/n/1'), /quoted 249/);
      assert.match(await page('/archives/bigmail/n/0'), /line 2999 of a long log/);
      assert.match(await page('/archives/bigmail/n/2'), /Huge\./);
    });

    test('reader view: new text only, each quote a link to the message it quotes', async () => {
      const p = await page('/archives/meetings/t/0?view=reader');
      assert.match(p, /Reader view: each message shows only its new text/);
      assert.match(p, /href="\/archives\/meetings\/t\/0\?page=1">Full messages/);
      const a = articles(p);
      // t2 answers t1 but quotes t0: the link goes to t0, found by its text.
      assert.match(a.get(2)!, /Room 4 is too small\./);
      assert.doesNotMatch(a.get(2)!, /moves to Tuesday|Poster 0 wrote/);
      assert.match(a.get(2)!, /<p class="ql">Quoting <a href="#m0">Poster 0, 2020-03-01 08:00<\/a> <span class="muted">\(Quoted text, 1 line\)<\/span><\/p>/);
      assert.match(a.get(30)!, /Quoting <a href="#m1">Poster 1, 2020-03-01 09:00<\/a>/);
      assert.match(a.get(0)!, /The meeting moves to Tuesday/);
      assert.doesNotMatch(a.get(1)!, /Carol/);
      // On page 2 the quoted root is on page 1: the link goes there, in the reader view.
      const p2 = articles(await page('/archives/meetings/t/0?page=2&view=reader'));
      assert.equal(p2.size, 6);
      assert.match(await page('/archives/meetings/t/0?page=2&view=reader'), /href="\/archives\/meetings\/t\/0\?page=1&amp;view=reader#m0"/);
    });

    test('Atom feeds per list and per thread; mbox per month, thread and search; all linked from the pages', async () => {
      const months = await page('/archives/governance/');
      assert.match(months, /href="\/archives\/governance\/atom\.xml">Atom feed of the Governance archive/);
      const feed = await get('/archives/governance/atom.xml');
      assert.equal(feed.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
      const xml = feed.body.toString('utf8');
      assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"><title>The Governance archive: latest messages<\/title>/);
      assert.deepEqual([...xml.matchAll(/<entry><title>([^<]*)<\/title>/g)].map((m) => m[1]), ['Re: Scheduler topics', 'Scheduler topics']);
      assert.match(xml, /<updated>2019-06-04T10:00:00\.000Z<\/updated>/);
      assert.doesNotMatch(xml, /@example/);
      const th = await page('/archives/meetings/t/5');
      assert.match(th, /href="\/archives\/meetings\/t\/0\/atom\.xml"/);
      assert.match(th, /href="\/archives\/meetings\/t\/0\/mbox\.gz"/);
      const tfeed = await page('/archives/meetings/t/0/atom.xml');
      assert.equal(tfeed.match(/<entry>/g)?.length, 31);
      assert.match(tfeed, /<feed[^>]*><title>Plan for the meeting<\/title>.*<updated>2020-03-02T14:00:00\.000Z<\/updated>/s);
      const tm = await get('/archives/meetings/t/12/mbox.gz');
      assert.match(tm.headers.get('content-disposition') ?? '', /^attachment; filename="meetings-thread-0\.mbox\.gz"/);
      assert.equal(gunzipSync(tm.body).toString('latin1').match(/^From /gm)?.length, 31);
      assert.match(await page('/archives/governance/2019-06/thread'), /href="\/archives\/governance\/2019-06\.mbox\.gz">This month as mbox/);
      const mm = await get('/archives/governance/2019-06.mbox.gz');
      assert.equal(mm.headers.get('content-type'), 'application/gzip');
      assert.equal(gunzipSync(mm.body).toString('latin1').match(/^From /gm)?.length, 2);
      const sfeed = await page('/archives/meetings/search?q=projector&format=atom');
      assert.equal(sfeed.match(/<entry>/g)?.length, 2);
      const sm = await get('/archives/search?q=projector&order=newest&format=mbox');
      assert.deepEqual(gunzipSync(sm.body).toString('latin1').match(/^Message-ID: .*$/gm), ['Message-ID: <t30@x>', 'Message-ID: <t1@x>']);
      assert.match(await page('/archives/meetings/search?q=projector'), /href="\/archives\/meetings\/search\?q=projector&amp;order=rank&amp;format=mbox">These results as mbox/);
    });

    test('every page: one h1, labelled search fields, no script, no fixed-width block that scrolls sideways', async () => {
      const paths = ['/archives/', '/archives/meetings/', '/archives/meetings/2020-03/thread', '/archives/meetings/2020-03/date', '/archives/meetings/n/2',
        '/archives/meetings/t/0', '/archives/meetings/t/0?view=reader', '/archives/meetings/search?q=room', '/pipermail/meetings/2020-March/000002.html'];
      for (const path of paths) {
        const p = await page(path);
        assert.equal(p.match(/<h1[ >]/g)?.length, 1, path);
        assert.doesNotMatch(p, /<script|<pre/, path);
        assert.match(p, /<html lang="en">/, path);
        for (const m of p.matchAll(/<input id="([^"]+)"/g)) assert.match(p, new RegExp(`<label for="${m[1]}">`), path);
      }
    });

    test('private archives answer 403, lists without one 404', async () => {
      assert.equal((await get('/archives/secret/')).status, 403);
      assert.equal((await get('/pipermail/secret/2019-June/000000.html')).status, 403);
      assert.equal((await get('/archives/gone/')).status, 404);
      assert.equal((await get('/archives/governance/n/99')).status, 404);
    });
  });
}
