// What bulk threading reads of a list's archive, on every store (SQLite always, PostgreSQL with
// DATABASE_URL): readable rows only (hidden ones too), by date then number, page after page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { encodeRaw } from '../domain/raw-codec.ts';
import type { MailingList } from '../domain/list.ts';
import type { ArchiveThreadCursor, ArchiveThreadRow, NewArchiveEntry } from './types.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

function entry(listId: number, messageId: string, date: string, over: Partial<NewArchiveEntry> = {}): NewArchiveEntry {
  const raw = Buffer.from(`Message-ID: <${messageId}>\n\nbody of ${messageId}\n`);
  return {
    listId, sha256: `sha-${messageId}`, fromLine: null, stored: encodeRaw(raw), rawId: null, hidden: false, text: `body of ${messageId}`,
    node: null, duplicate: false, messageId, syntheticId: false, subject: 'Re: Topic', baseSubject: 'Topic', isReply: true,
    authorName: 'Ann Example', authorAddress: 'ann@example.org', date: new Date(date), dateSource: 'date', dateSuspect: false,
    inReplyTo: null, references: [], size: raw.length, attachmentCount: 0, attachmentNames: [], threadData: null, badReason: null, ...over,
  };
}

for (const f of storeFactories) {
  describe(`archive thread rows on ${f.name}`, () => {
    let t: TestStore;
    let list: MailingList;
    before(async () => {
      t = await f.open();
      list = await t.store.createList({ name: 'rows', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      const other = await t.store.createList({ name: 'other', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      // Numbers follow the order given: 0 … 7. Dates tie on purpose.
      await t.store.addArchiveEntries([
        entry(list.id, 'late@x', '2020-03-01T00:00:00Z'),
        entry(list.id, 'tie-b@x', '2020-02-01T00:00:00Z', { references: ['root@x', 'mid@x'], inReplyTo: 'mid@x' }),
        entry(list.id, 'root@x', '2020-01-01T00:00:00Z', { isReply: false, baseSubject: 'Topic', subject: 'Topic', authorName: 'Élodie' }),
        entry(list.id, 'bad@x', '2020-01-15T00:00:00Z', { badReason: 'unreadable' }),
        entry(list.id, 'tie-a@x', '2020-02-01T00:00:00Z', { hidden: true, threadData: '{"a":[],"m":null,"q":[]}' }),
        entry(list.id, 'tie-c@x', '2020-02-01T00:00:00Z'),
        entry(list.id, 'tie-d@x', '2020-02-01T00:00:00Z'),
        entry(list.id, 'early@x', '2019-12-31T23:59:59Z'),
      ]);
      await t.store.addArchiveEntries([entry(other.id, 'elsewhere@x', '2020-02-01T00:00:00Z')]);
    });
    after(async () => { await t.close(); });

    const all = async (limit: number): Promise<ArchiveThreadRow[]> => {
      const out: ArchiveThreadRow[] = [];
      for (let after: ArchiveThreadCursor | null = null; ;) {
        const page = await t.store.archiveThreadRows(list.id, after, limit);
        out.push(...page);
        const last = page[page.length - 1];
        if (!last || page.length < limit) return out;
        after = { date: last.date, number: last.number };
      }
    };

    test('readable rows of the list by date, then number; hidden ones too, unreadable ones not', async () => {
      const rows = await all(100);
      assert.deepEqual(rows.map((r) => r.messageId), ['early@x', 'root@x', 'tie-b@x', 'tie-a@x', 'tie-c@x', 'tie-d@x', 'late@x']);
      assert.deepEqual(rows.map((r) => r.number), [7, 2, 1, 4, 5, 6, 0]);
      const byId = new Map((await t.store.archiveEntriesAfter(list.id, -1, 100)).map((e) => [e.messageId, e]));
      for (const r of rows) assert.equal(r.id, byId.get(r.messageId)?.id);
      const b = rows.find((r) => r.messageId === 'tie-b@x');
      assert.deepEqual(b && { references: b.references, inReplyTo: b.inReplyTo, isReply: b.isReply, date: b.date.toISOString() },
        { references: ['root@x', 'mid@x'], inReplyTo: 'mid@x', isReply: true, date: '2020-02-01T00:00:00.000Z' });
      const root = rows.find((r) => r.messageId === 'root@x');
      assert.deepEqual(root && { isReply: root.isReply, baseSubject: root.baseSubject, authorName: root.authorName, authorAddress: root.authorAddress, threadData: root.threadData },
        { isReply: false, baseSubject: 'Topic', authorName: 'Élodie', authorAddress: 'ann@example.org', threadData: null });
      assert.equal(rows.find((r) => r.messageId === 'tie-a@x')?.threadData, '{"a":[],"m":null,"q":[]}');
    });

    test('pages continue after the last row, through a run of equal dates', async () => {
      const whole = (await all(100)).map((r) => r.messageId);
      for (const size of [1, 2, 3]) assert.deepEqual((await all(size)).map((r) => r.messageId), whole, `pages of ${size}`);
      const mid = await t.store.archiveThreadRows(list.id, { date: new Date('2020-02-01T00:00:00Z'), number: 4 }, 10);
      assert.deepEqual(mid.map((r) => r.messageId), ['tie-c@x', 'tie-d@x', 'late@x']);
      assert.deepEqual(await t.store.archiveThreadRows(list.id, { date: new Date('2020-03-01T00:00:00Z'), number: 0 }, 10), []);
    });
  });
}
