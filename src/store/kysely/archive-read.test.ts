// The archive's page reads on every store: month counts kept by triggers through import, live
// posts, rewrites and list deletion; neighbours by date with ties settled by number.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../../test/harness/stores.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import { archivePost, asctime, importArchive, readMbox } from '../../archive/index.ts';
import { sqliteScores } from '../dialects/archive-search.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const msg = (id: string, date: string): string =>
  `From alice@example.org ${asctime(new Date(date))}\nFrom: Alice <alice@example.org>\nSubject: ${id}\nDate: ${date}\nMessage-ID: <${id}>\n\nText of ${id}.\n\n`;
async function* chunks(text: string) { yield Buffer.from(text); }

for (const f of storeFactories) {
  describe(`archive page reads on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('month counts follow imports, live posts, rewrites and deletion', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'counts', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const other = await s.createList({ name: 'other', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      assert.deepEqual(await s.archiveMonths(list.id), []);
      // Imported rows are written hidden and published at the end: counted once published.
      await importArchive(s, list, readMbox(chunks(msg('a@x', 'Mon, 3 Jun 2019 10:00:00 +0000') + msg('b@x', 'Tue, 4 Jun 2019 10:00:00 +0000') + msg('c@x', 'Mon, 1 Jul 2019 09:00:00 +0000'))), { now: () => NOW });
      await importArchive(s, other, readMbox(chunks(msg('z@x', 'Mon, 3 Jun 2019 10:00:00 +0000'))), { now: () => NOW });
      assert.deepEqual(await s.archiveMonths(list.id), [{ month: '2019-07', count: 1 }, { month: '2019-06', count: 2 }]);
      const lists = async () => new Map((await s.archivedLists()).map((r) => [r.listId, r.count]));
      assert.equal((await lists()).get(list.id), 3);
      assert.equal((await lists()).get(other.id), 1);

      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: live\nMessage-ID: <d@x>\nDate: Tue, 2 Jul 2019 09:00:00 +0000\n\nLive.\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'd@x', subject: 'live', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      await archivePost(s, list, postId, NOW);
      assert.deepEqual(await s.archiveMonths(list.id), [{ month: '2019-07', count: 2 }, { month: '2019-06', count: 2 }]);

      // A reindex that finds a message unreadable takes it out; one that moves its date moves it.
      const [a] = await s.findArchiveEntries(list.id, 'a@x');
      await s.rewriteArchiveEntry(a!.id, { ...a!, badReason: 'unreadable' }, '');
      assert.deepEqual(await s.archiveMonths(list.id), [{ month: '2019-07', count: 2 }, { month: '2019-06', count: 1 }]);
      await s.rewriteArchiveEntry(a!.id, { ...a!, badReason: null, date: new Date('2019-08-01T00:00:00Z') }, 'Text');
      assert.deepEqual(await s.archiveMonths(list.id), [{ month: '2019-08', count: 1 }, { month: '2019-07', count: 2 }, { month: '2019-06', count: 1 }]);
      const [b] = await s.findArchiveEntries(list.id, 'b@x');
      await s.rewriteArchiveEntry(b!.id, { ...b!, badReason: 'unreadable' }, '');
      assert.deepEqual((await s.archiveMonths(list.id)).map((m) => m.month), ['2019-08', '2019-07'], 'an emptied month is not listed');
      assert.equal((await lists()).get(list.id), 3);

      await s.deleteList(list.id);
      assert.equal((await lists()).has(list.id), false);
      assert.equal((await lists()).get(other.id), 1);
    });

    test('a month\'s generation grows with every change its indexes show, and only then', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'gen', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const other = await s.createList({ name: 'gen-other', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      assert.equal(await s.archiveMonthState(list.id, '2019-06'), null, 'no archive yet');
      await importArchive(s, list, readMbox(chunks(msg('g1@x', 'Mon, 3 Jun 2019 10:00:00 +0000') + msg('g2@x', 'Tue, 4 Jun 2019 10:00:00 +0000') + msg('g4@x', 'Mon, 1 Jul 2019 09:00:00 +0000'))), { now: () => NOW });
      await importArchive(s, other, readMbox(chunks(msg('o1@x', 'Mon, 3 Jun 2019 10:00:00 +0000'))), { now: () => NOW });
      const gen = async (month: string, l = list.id) => (await s.archiveMonthState(l, month))?.generation ?? -1;
      assert.equal((await s.archiveMonthState(list.id, '2019-06'))?.count, 2);
      let june = await gen('2019-06');
      const july = await gen('2019-07');
      const otherJune = await gen('2019-06', other.id);
      const grew = async (what: string): Promise<void> => {
        const g = await gen('2019-06');
        assert.ok(g > june, `${what}: June's generation ${g} after ${june}`);
        june = g;
      };
      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: Re: g1@x\nIn-Reply-To: <g1@x>\nMessage-ID: <g3@x>\nDate: Wed, 5 Jun 2019 09:00:00 +0000\n\nLive.\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'g3@x', subject: 'Re: g1@x', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      await archivePost(s, list, postId, NOW);
      await grew('a live post');
      const [g2] = await s.findArchiveEntries(list.id, 'g2@x');
      await s.rewriteArchiveEntry(g2!.id, { ...g2!, subject: 'Rewritten' }, 'Text');
      await grew('a reindexed subject');
      await s.rewriteArchiveEntry(g2!.id, { ...g2!, subject: 'Rewritten' }, 'Text');
      assert.equal(await gen('2019-06'), june, 'a rewrite that changes nothing shown');
      const [g3] = await s.findArchiveEntries(list.id, 'g3@x');
      await s.applyArchivePlacement(list.id, g3!.id, { node: { messageId: 'g3@x', threadId: 'g3@x', parentId: null, ghost: false, link: 'none' }, duplicate: false, updates: [], merges: [] });
      await grew('a new parent');
      await s.applyArchivePlacement(list.id, g3!.id, { node: { messageId: 'g3@x', threadId: 'elsewhere@x', parentId: null, ghost: false, link: 'none' }, duplicate: false, updates: [], merges: [] });
      assert.equal(await gen('2019-06'), june, 'a thread id alone is not shown by month indexes');
      await s.replaceArchiveThreads(list.id, [], []);
      assert.equal(await gen('2019-06'), june, 'rethreading that moves nothing');
      await importArchive(s, list, readMbox(chunks(msg('g5@x', 'Thu, 6 Jun 2019 10:00:00 +0000'))), { now: () => NOW });
      await grew('an import, once published');
      await s.rewriteArchiveEntry(g2!.id, { ...g2!, date: new Date('2019-08-02T00:00:00Z') }, 'Text');
      await grew('a message moved out');
      assert.equal((await s.archiveMonthState(list.id, '2019-08'))?.count, 1);
      assert.equal(await gen('2019-07'), july, 'July saw none of it');
      assert.equal(await gen('2019-06', other.id), otherJune, "another list's June is its own");
    });

    test('kept month pages: read back as written, stale while missing or older than their month, never replaced by an older one', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'kept', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(s, list, readMbox(chunks(msg('k1@x', 'Mon, 3 Jun 2019 10:00:00 +0000') + msg('k2@x', 'Mon, 1 Jul 2019 09:00:00 +0000'))), { now: () => NOW });
      const june = (await s.archiveMonthState(list.id, '2019-06'))!.generation;
      const july = (await s.archiveMonthState(list.id, '2019-07'))!.generation;
      const variants = ['a', 'b'];
      assert.deepEqual(await s.archiveStaleMonthPages(list.id, variants), [{ month: '2019-07', generation: july }, { month: '2019-06', generation: june }]);
      const page = (generation: number, text: string) => ({ generation, rows: 1, first: new Date('2019-06-03T10:00:00Z'), last: null, html: Buffer.from(text) });
      await s.putArchiveMonthPage(list.id, '2019-06', 'a', page(june, 'June a'));
      assert.deepEqual(await s.archiveMonthPage(list.id, '2019-06', 'a'), page(june, 'June a'));
      assert.equal(await s.archiveMonthPage(list.id, '2019-06', 'b'), null);
      assert.equal((await s.archiveStaleMonthPages(list.id, variants)).length, 2, 'June still lacks b');
      await s.putArchiveMonthPage(list.id, '2019-06', 'b', page(june, 'June b'));
      assert.deepEqual(await s.archiveStaleMonthPages(list.id, variants), [{ month: '2019-07', generation: july }]);
      // A page of an older generation does not replace a newer one; a newer one does.
      await s.putArchiveMonthPage(list.id, '2019-06', 'a', page(june - 1, 'older'));
      assert.equal((await s.archiveMonthPage(list.id, '2019-06', 'a'))?.html.toString(), 'June a');
      // A post into June makes its pages stale; July's are untouched.
      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: live\nMessage-ID: <k3@x>\nDate: Tue, 4 Jun 2019 09:00:00 +0000\n\nLive.\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'k3@x', subject: 'live', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      await archivePost(s, list, postId, NOW);
      const now = (await s.archiveMonthState(list.id, '2019-06'))!.generation;
      assert.ok(now > june);
      assert.deepEqual((await s.archiveStaleMonthPages(list.id, variants)).map((m) => m.month), ['2019-07', '2019-06']);
      await s.putArchiveMonthPage(list.id, '2019-06', 'a', page(now, 'June a, 3 rows'));
      assert.equal((await s.archiveMonthPage(list.id, '2019-06', 'a'))?.generation, now);
      // Pages go with their list.
      await s.deleteList(list.id);
      assert.equal(await s.archiveMonthPage(list.id, '2019-06', 'a'), null);
    });

    test('search orders its matches, newest first or best first, page by page', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'found', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const day = (k: number) => new Date(Date.UTC(2020, 0, 1 + k, 12)).toUTCString();
      const posts = Array.from({ length: 30 }, (_, k) => msg(`s${k}@x`, day(k)).replace('\n\nText of', k === 4 ? '\n\nThe budget budget budget, text of' : '\n\nAbout the budget, text of'));
      await importArchive(s, list, readMbox(chunks(posts.join(''))), { now: () => NOW });
      const q = { listIds: [list.id], words: 'budget', limit: 10 };
      const newest = await s.searchArchive({ ...q, order: 'newest', offset: 10 });
      assert.deepEqual(newest.map((h) => h.entry.messageId), Array.from({ length: 10 }, (_, i) => `s${19 - i}@x`));
      assert.match(newest[0]!.snippet ?? '', /\u0001budget\u0002/);
      const best = await s.searchArchive({ ...q, order: 'rank', offset: 0 });
      assert.equal(best[0]!.entry.messageId, 's4@x');
      assert.equal((await s.searchArchive({ ...q, order: 'rank', offset: 30 })).length, 0);
      if (f.name === 'sqlite') {
        // Words too common for bm25's counting are scored by where they occur: subject first.
        const [subj] = await s.findArchiveEntries(list.id, 's4@x');
        await s.rewriteArchiveEntry(subj!.id, { ...subj!, subject: 'Budget review' }, 'Plain words.');
        const [first] = await s.findArchiveEntries(list.id, 's0@x');
        const exact = await sqliteScores(t.store.db, 'budget', first!.id);
        const coarse = await sqliteScores(t.store.db, 'budget', first!.id, 0);
        assert.equal(exact.size, 30);
        assert.deepEqual([...coarse], [[subj!.id, 4]]);
        const best = await s.searchArchive({ ...q, order: 'rank', offset: 0 });
        assert.equal(best[0]!.entry.messageId, 's4@x');
      }
    });

    test('month index rows: a page in date, subject or author order; thread summaries by date', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'orders', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const post = (id: string, date: string, subject: string, from: string, reply?: string) =>
        `From x@example.org ${asctime(new Date(date))}\nFrom: ${from}\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}>\n${reply ? `In-Reply-To: <${reply}>\n` : ''}\nBody.\n\n`;
      await importArchive(s, list, readMbox(chunks([
        post('a@x', 'Mon, 3 Jun 2019 10:00:00 +0000', 'beta', 'Zed <zed@example.org>'),
        post('b@x', 'Tue, 4 Jun 2019 10:00:00 +0000', 'Alpha', 'amy@example.org'),
        post('c@x', 'Wed, 5 Jun 2019 10:00:00 +0000', 'Re: beta', 'Bob <bob@example.org>', 'a@x'),
        post('d@x', 'Thu, 6 Jun 2019 10:00:00 +0000', 'Re: Alpha', 'Carl <carl@example.org>', 'b@x'),
        post('e@x', 'Fri, 7 Jun 2019 10:00:00 +0000', 'Re: beta', 'Amy <amy@example.org>', 'c@x'),
        post('f@x', 'Mon, 1 Jul 2019 10:00:00 +0000', 'Re: beta', 'Dan <dan@example.org>', 'e@x'),
      ].join(''))), { now: () => NOW });
      const ids = async (order: 'date' | 'subject' | 'author', offset = 0, limit = 10) =>
        (await s.archiveMonthRows(list.id, '2019-06', order, offset, limit)).map((e) => e.messageId[0]).join('');
      assert.equal(await ids('date'), 'abcde');
      assert.equal(await ids('subject'), 'bdace');
      assert.equal(await ids('author'), 'ebcda', 'by name, else address, case-insensitive');
      assert.equal(await ids('subject', 1, 3), 'dac');
      assert.equal(await ids('date', 3, 10), 'de');
      // A whole month (Pipermail's pages) is read in one go: the same orders.
      assert.deepEqual([await ids('date', 0, 5000), await ids('subject', 0, 5000), await ids('author', 0, 5000)], ['abcde', 'bdace', 'ebcda']);
      const [first] = await s.archiveMonthRows(list.id, '2019-06', 'date', 0, 1);
      assert.deepEqual({ ...first, id: 0 }, {
        id: 0, number: 0, month: '2019-06', messageId: 'a@x', duplicate: false, parentId: null,
        subject: 'beta', authorName: 'Zed', authorAddress: 'zed@example.org', date: new Date('2019-06-03T10:00:00Z'),
      });
      const [entry] = await s.findArchiveEntries(list.id, 'a@x');
      assert.equal(entry!.id, first!.id);
      const thread = await s.archiveThreadSummaries(list.id, entry!.threadId!);
      assert.deepEqual(thread.map((e) => e.messageId), ['a@x', 'c@x', 'e@x', 'f@x']);
      assert.deepEqual(await s.archiveMonthRows(list.id, '2019-05', 'author', 0, 10), []);
    });

    test('neighbours by date: equal dates are ordered by number, each side one seek', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'ties', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const same = 'Wed, 5 Jun 2019 10:00:00 +0000';
      await importArchive(s, list, readMbox(chunks([msg('early@x', 'Mon, 3 Jun 2019 10:00:00 +0000'), msg('t1@x', same), msg('t2@x', same), msg('t3@x', same), msg('late@x', 'Fri, 7 Jun 2019 10:00:00 +0000')].join(''))), { now: () => NOW });
      const at = async (id: string) => (await s.findArchiveEntries(list.id, id))[0]!;
      const ids = async (id: string) => {
        const n = await s.archiveDateNeighbours(await at(id));
        return [n.prev?.messageId ?? null, n.next?.messageId ?? null];
      };
      assert.deepEqual(await ids('early@x'), [null, 't1@x']);
      assert.deepEqual(await ids('t1@x'), ['early@x', 't2@x']);
      assert.deepEqual(await ids('t2@x'), ['t1@x', 't3@x']);
      assert.deepEqual(await ids('t3@x'), ['t2@x', 'late@x']);
      assert.deepEqual(await ids('late@x'), ['t3@x', null]);
    });
  });
}
