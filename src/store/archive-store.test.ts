// The archive's store contract on every store (SQLite always, PostgreSQL with DATABASE_URL):
// numbers from 0 never reused, exact copies skipped, same Message-ID with other bytes kept apart,
// hidden until published, threads, search with filters, live placement, export byte for byte.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { archivePost, exportArchive, importArchive, readMbox } from '../archive/index.ts';
import type { MailingList } from '../domain/list.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const msg = (id: string, subject: string, date: string, body: string, extra = ''): string =>
  `From alice@example.org ${new Date(date).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4')}\nFrom: Alice Example <alice@example.org>\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}>\n${extra}\n${body}\n\n`;
const MBOX = [
  msg('a@x', 'Kernel summit topics', 'Mon, 3 Jun 2019 10:00:00 +0000', 'Let us discuss the scheduler rework.\n>From the archives'),
  msg('b@x', 'Re: Kernel summit topics', 'Tue, 4 Jun 2019 10:00:00 +0000', 'I agree; mail me at bob@example.net', 'In-Reply-To: <a@x>\nReferences: <a@x>\n'),
  msg('b@x', 'Re: Kernel summit topics (again)', 'Tue, 4 Jun 2019 11:00:00 +0000', 'Same id, other bytes.', 'In-Reply-To: <a@x>\n'),
  msg('c@x', 'Travel', 'Mon, 1 Jul 2019 09:00:00 +0000', 'Visa letters are ready.'),
].join('');

async function* chunks(text: string) { yield Buffer.from(text); }

for (const f of storeFactories) {
  describe(`archive store on ${f.name}`, () => {
    let t: TestStore;
    let list: MailingList;
    before(async () => {
      t = await f.open();
      list = await t.store.createList({ name: 'ksummit', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
    });
    after(async () => { await t.close(); });

    test('import numbers from 0, keeps same-id copies apart, skips exact copies, hides until done', async () => {
      const s = t.store;
      const seen: number[] = [];
      const r = await importArchive(s, list, readMbox(chunks(MBOX + MBOX.slice(0, MBOX.indexOf('From alice', 10)))), { now: () => NOW, batchSize: 2, onProgress: (c) => seen.push(c.read) });
      assert.deepEqual({ read: r.read, added: r.added, skipped: r.skipped, bad: r.bad }, { read: 5, added: 4, skipped: 1, bad: 0 });
      assert.ok(seen.length >= 2, 'progress reported per batch');
      const all = await s.archiveEntriesAfter(list.id, -1, 100);
      assert.deepEqual(all.map((e) => e.number), [0, 1, 2, 3]);
      assert.deepEqual(all.map((e) => e.hidden), [false, false, false, false]);
      const again = await importArchive(s, list, readMbox(chunks(MBOX)), { now: () => NOW });
      assert.equal(again.added, 0);
      assert.equal(again.skipped, 4);
      assert.deepEqual(await s.archiveMonths(list.id), [{ month: '2019-07', count: 1 }, { month: '2019-06', count: 3 }]);
      const copies = await s.findArchiveEntries(list.id, 'b@x');
      assert.equal(copies.length, 2);
      assert.equal(copies.filter((e) => e.duplicate).length, 1);
    });

    test('a run over old and new messages mixed adds the new ones only, in order, whichever batch finds the copies', async () => {
      const s = t.store;
      const other = await s.createList({ name: 'mixed', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const fresh = (k: number) => msg(`n${k}@x`, `New ${k}`, `Tue, ${10 + k} Sep 2019 10:00:00 +0000`, `New text ${k}.`);
      await importArchive(s, other, readMbox(chunks(MBOX)), { now: () => NOW });
      // Copies first (found when their batch is written), then new messages between copies and a
      // copy repeated inside one batch.
      const input = MBOX + fresh(0) + msg('a@x', 'Kernel summit topics', 'Mon, 3 Jun 2019 10:00:00 +0000', 'Let us discuss the scheduler rework.\n>From the archives') + fresh(1) + fresh(1) + fresh(2);
      const r = await importArchive(s, other, readMbox(chunks(input)), { now: () => NOW, batchSize: 2 });
      assert.deepEqual({ read: r.read, added: r.added, skipped: r.skipped }, { read: 9, added: 3, skipped: 6 });
      const all = await s.archiveEntriesAfter(other.id, -1, 100);
      assert.deepEqual(all.map((e) => `${e.number} ${e.messageId}`), ['0 a@x', '1 b@x', '2 b@x', '3 c@x', '4 n0@x', '5 n1@x', '6 n2@x']);
    });

    test('threads: replies under their parent, one thread per conversation', async () => {
      const june = await t.store.archiveMonthEntries(list.id, '2019-06');
      const root = june.find((e) => e.messageId === 'a@x')!;
      for (const e of june) assert.equal(e.threadId, root.threadId);
      assert.ok(june.filter((e) => e.parentId === 'a@x').length === 2);
      const july = await t.store.archiveMonthEntries(list.id, '2019-07');
      assert.notEqual(july[0]!.threadId, root.threadId);
      const { prev, next } = await t.store.archiveDateNeighbours(root);
      assert.equal(prev, null);
      assert.equal(next?.messageId, 'b@x');
    });

    test('search: words, phrases, from:, date and list filters; snippets mark hits', async () => {
      const q = { listIds: [list.id], order: 'rank' as const, limit: 10, offset: 0 };
      const hits = await t.store.searchArchive({ ...q, words: 'scheduler' });
      assert.deepEqual(hits.map((h) => h.entry.messageId), ['a@x']);
      assert.match(hits[0]!.snippet ?? '', /\u0001scheduler\u0002/);
      assert.equal((await t.store.searchArchive({ ...q, words: '"letters are ready"' })).length, 1);
      assert.equal((await t.store.searchArchive({ ...q, words: '"ready are letters"' })).length, 0);
      assert.equal((await t.store.searchArchive({ ...q, words: '', from: 'alice', after: new Date('2019-06-30') })).length, 1);
      assert.equal((await t.store.searchArchive({ ...q, words: 'scheduler', listIds: [] })).length, 0);
    });

    test('export gives back the imported mbox byte for byte', async () => {
      const fresh = await t.store.createList({ name: 'roundtrip', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(t.store, fresh, readMbox(chunks(MBOX)), { now: () => NOW });
      const out: Buffer[] = [];
      for await (const c of exportArchive(t.store, fresh.id)) out.push(c);
      assert.equal(Buffer.concat(out).toString('latin1'), MBOX);
    });

    test('a live post is archived once, numbered next and placed under its parent', async () => {
      const s = t.store;
      const raw = Buffer.from('From: Carol <carol@example.org>\nSubject: Re: Travel\nMessage-ID: <d@x>\nIn-Reply-To: <c@x>\nDate: Tue, 2 Jul 2019 09:00:00 +0000\n\nThanks!\n');
      const src = await s.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'carol@example.org', raw, receivedAt: NOW });
      const postId = await s.savePost({ listId: list.id, sourceId: src, raw, messageId: 'd@x', subject: 'Re: Travel', fromAddress: 'carol@example.org', sequence: 1, receivedAt: NOW });
      assert.equal((await archivePost(s, list, postId, NOW)).archived, true);
      assert.equal((await archivePost(s, list, postId, NOW)).archived, false, 'a retried job adds nothing');
      const [e] = await s.findArchiveEntries(list.id, 'd@x');
      assert.equal(e?.number, 4);
      assert.equal(e?.parentId, 'c@x');
      const [c] = await s.findArchiveEntries(list.id, 'c@x');
      assert.equal(e?.threadId, c?.threadId);
      assert.equal(e?.rawId, postId, 'the post\'s bytes are not stored twice');
    });
  });
}
