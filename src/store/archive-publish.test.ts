// Showing an import's rows, on every store (SQLite always, PostgreSQL with DATABASE_URL): placing
// threads may show the hidden rows it places in the same write (on PostgreSQL every update writes
// a new version of its row), publishing shows the rest, and each is counted once; after a bulk
// write the planner's statistics are taken again.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { encodeRaw } from '../domain/raw-codec.ts';
import type { MailingList } from '../domain/list.ts';
import { KyselyStore } from './kysely/index.ts';
import type { ArchiveThreadPlacement, NewArchiveEntry } from './types.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

function entry(listId: number, messageId: string, over: Partial<NewArchiveEntry> = {}): NewArchiveEntry {
  const raw = Buffer.from(`Message-ID: <${messageId}>\n\nbody of ${messageId}\n`);
  return {
    listId, sha256: `sha-${messageId}`, fromLine: null, stored: encodeRaw(raw), rawId: null, hidden: true, text: `body of ${messageId}`,
    node: null, duplicate: false, messageId, syntheticId: false, subject: 'Topic', baseSubject: 'Topic', isReply: false,
    authorName: 'Ann Example', authorAddress: 'ann@example.org', date: new Date('2020-01-01T00:00:00Z'), dateSource: 'date', dateSuspect: false,
    inReplyTo: null, references: [], size: raw.length, attachmentCount: 0, attachmentNames: [], threadData: null, badReason: null, ...over,
  };
}

for (const f of storeFactories) {
  describe(`showing an import's rows on ${f.name}`, () => {
    let t: TestStore;
    let list: MailingList;
    const ids = new Map<string, number>();
    before(async () => {
      t = await f.open();
      list = await t.store.createList({ name: 'publish', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const names = ['shown@x', 'a@x', 'b@x', 'c@x', 'bad@x'];
      const added = await t.store.addArchiveEntries([
        entry(list.id, 'shown@x', { hidden: false }), entry(list.id, 'a@x'), entry(list.id, 'b@x'), entry(list.id, 'c@x'), entry(list.id, 'bad@x', { badReason: 'unreadable' }),
      ]);
      names.forEach((n, i) => ids.set(n, added[i]!));
    });
    after(async () => { await t.close(); });

    const place = (...names: string[]): ArchiveThreadPlacement[] =>
      names.map((n) => ({ id: ids.get(n)!, threadId: 'shown@x', parentId: n === 'shown@x' ? null : 'shown@x', link: 'references', duplicate: false }));
    const hidden = async (): Promise<string[]> =>
      (await t.store.archiveEntriesAfter(list.id, -1, 100)).filter((e) => e.hidden).map((e) => e.messageId).sort();

    test('placing with publish shows the hidden rows it places, counted once; the rest wait for publishArchive', async () => {
      assert.deepEqual(await t.store.archiveMonths(list.id), [{ month: '2020-01', count: 1 }]);
      assert.deepEqual(await t.store.replaceArchiveThreads(list.id, place('c@x'), []), { published: 0 }, 'without publish nothing is shown');
      assert.deepEqual(await hidden(), ['a@x', 'b@x', 'bad@x', 'c@x']);
      // The row shown already is placed again and not counted; c@x is left out of this placing.
      assert.deepEqual(await t.store.replaceArchiveThreads(list.id, place('shown@x', 'a@x', 'b@x'), [], { publish: true }), { published: 2 });
      assert.deepEqual(await hidden(), ['bad@x', 'c@x']);
      assert.deepEqual(await t.store.archiveMonths(list.id), [{ month: '2020-01', count: 3 }]);
      const a = (await t.store.findArchiveEntries(list.id, 'a@x'))[0];
      assert.deepEqual(a && { threadId: a.threadId, parentId: a.parentId }, { threadId: 'shown@x', parentId: 'shown@x' });
      assert.equal(await t.store.publishArchive(list.id), 2, 'the unplaced row and the unreadable one');
      assert.deepEqual(await hidden(), []);
      assert.deepEqual(await t.store.archiveMonths(list.id), [{ month: '2020-01', count: 4 }]);
    });

    test('statistics are taken again after a bulk write', async () => {
      const s = t.store;
      assert.ok(s instanceof KyselyStore);
      const tuples = async (): Promise<number> =>
        Number((await sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass('archive_messages')`.execute(s.db)).rows[0]?.n);
      // PostgreSQL counts -1 rows for a table never analysed; the planner then guesses.
      if (s.dialect === 'postgres') assert.equal(await tuples(), -1);
      await s.refreshArchiveStatistics({ vacuum: false });
      if (s.dialect === 'postgres') assert.equal(await tuples(), 5);
      await s.addArchiveEntries([entry(list.id, 'late@x', { hidden: false })]);
      await s.refreshArchiveStatistics();
      if (s.dialect === 'postgres') assert.equal(await tuples(), 6);
      assert.equal((await s.archiveEntriesAfter(list.id, -1, 100)).length, 6);
    });
  });
}
