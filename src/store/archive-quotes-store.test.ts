// The archive's quote-threading reads on every store (SQLite always, PostgreSQL with DATABASE_URL):
// the indexed text of entries, and the posts a quoting reply may have quoted.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { importArchive, readMbox } from '../archive/index.ts';
import type { MailingList } from '../domain/list.ts';
import type { ArchiveQuoteQuery } from './types.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const msg = (id: string, from: string, date: string, body: string, extra = ''): string =>
  `From x@example.org Mon Jan  1 00:00:00 2001\nFrom: ${from}\nSubject: Topics\nDate: ${date}\nMessage-ID: <${id}>\n${extra}\n${body}\n\n`;
const MBOX = [
  msg('a@x', 'Alice Example <alice@example.org>', 'Mon, 3 Jun 2019 10:00:00 +0000', 'Let us discuss the scheduler rework.\n\n> quoted words stay out\n\n-- \nAlice, signing off'),
  msg('b@x', '=?utf-8?q?=C3=89lodie_Martin?= <elodie@example.org>', 'Tue, 4 Jun 2019 10:00:00 +0000', 'Agreed.', 'In-Reply-To: <a@x>\n'),
  msg('c@x', 'Bob <BOB@Example.org>', 'Wed, 5 Jun 2019 10:00:00 +0000', 'Travel plans.'),
  msg('a@x', 'Alice Example <alice@example.org>', 'Thu, 6 Jun 2019 10:00:00 +0000', 'Same id, other bytes.'),
  msg('old@x', 'Alice Example <alice@example.org>', 'Tue, 1 Jan 2019 10:00:00 +0000', 'Happy new year.'),
  msg('late@x', 'Alice Example <alice@example.org>', 'Mon, 1 Jul 2019 10:00:00 +0000', 'Later post.'),
].join('');

async function* chunks(text: string) { yield Buffer.from(text); }

for (const f of storeFactories) {
  describe(`archive quote reads on ${f.name}`, () => {
    let t: TestStore;
    let list: MailingList;
    const idOf = new Map<string, number>();
    const query = (over: Partial<ArchiveQuoteQuery>): ArchiveQuoteQuery => ({
      from: new Date('2019-03-01T00:00:00Z'), to: new Date('2019-06-30T00:00:00Z'), addresses: [], nameWords: [], dates: [], limit: 50, ...over,
    });
    before(async () => {
      t = await f.open();
      list = await t.store.createList({ name: 'quotes', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(t.store, list, readMbox(chunks(MBOX)), { now: () => NOW });
      // The same author on another list is never a candidate here.
      const other = await t.store.createList({ name: 'other', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      await importArchive(t.store, other, readMbox(chunks(msg('o@x', 'Alice Example <alice@example.org>', 'Mon, 3 Jun 2019 12:00:00 +0000', 'Elsewhere.'))), { now: () => NOW });
      for (const e of await t.store.archiveEntriesAfter(list.id, -1, 100)) if (!e.duplicate) idOf.set(e.messageId, e.id);
    });
    after(async () => { await t.close(); });

    test('indexed texts are the authors\' own words; unknown ids are left out', async () => {
      const a = idOf.get('a@x')!;
      const c = idOf.get('c@x')!;
      const texts = await t.store.archiveIndexedTexts([a, c, 987_654]);
      assert.deepEqual(texts.sort((x, y) => x.id - y.id), [{ id: a, text: 'Let us discuss the scheduler rework.' }, { id: c, text: 'Travel plans.' }].sort((x, y) => x.id - y.id));
      assert.deepEqual(await t.store.archiveIndexedTexts([]), []);
    });

    test('candidates by address in any case, newest first, within the dates, without duplicate copies or other lists', async () => {
      const r = await t.store.archiveQuoteCandidates(list.id, query({ addresses: ['ALICE@example.org'] }));
      assert.deepEqual(r.map((c) => c.messageId), ['a@x']);
      assert.equal(r[0]?.id, idOf.get('a@x'));
      assert.equal(r[0]?.authorName, 'Alice Example');
      assert.equal(r[0]?.date.toISOString(), '2019-06-03T10:00:00.000Z');
      const wide = await t.store.archiveQuoteCandidates(list.id, query({ addresses: ['alice@example.org'], from: new Date('2018-12-01'), to: new Date('2019-08-01') }));
      assert.deepEqual(wide.map((c) => c.messageId), ['late@x', 'a@x', 'old@x']);
      const one = await t.store.archiveQuoteCandidates(list.id, query({ addresses: ['alice@example.org'], from: new Date('2018-12-01'), to: new Date('2019-08-01'), limit: 1 }));
      assert.deepEqual(one.map((c) => c.messageId), ['late@x']);
      assert.deepEqual((await t.store.archiveQuoteCandidates(list.id, query({ addresses: ['bob@example.org'] }))).map((c) => c.messageId), ['c@x']);
    });

    test('candidates by name word, also a capitalised non-ASCII one; by date span; none without keys', async () => {
      assert.deepEqual((await t.store.archiveQuoteCandidates(list.id, query({ nameWords: ['alice'] }))).map((c) => c.messageId), ['a@x']);
      assert.deepEqual((await t.store.archiveQuoteCandidates(list.id, query({ nameWords: ['élodie'] }))).map((c) => c.messageId), ['b@x']);
      assert.deepEqual((await t.store.archiveQuoteCandidates(list.id, query({ nameWords: ['martin', 'bob'] }))).map((c) => c.messageId), ['c@x', 'b@x']);
      const span = { from: new Date('2019-06-04T00:00:00Z'), to: new Date('2019-06-05T23:00:00Z') };
      assert.deepEqual((await t.store.archiveQuoteCandidates(list.id, query({ dates: [span] }))).map((c) => c.messageId), ['c@x', 'b@x']);
      assert.deepEqual(await t.store.archiveQuoteCandidates(list.id, query({})), []);
      assert.deepEqual(await t.store.archiveQuoteCandidates(list.id, query({ nameWords: ['100%_\\'] })), [], 'LIKE characters are literal');
    });
  });
}
