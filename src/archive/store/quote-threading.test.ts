// Quote inference through the store, on every store: a reply without References or In-Reply-To
// hangs under the post it quotes (">" with "On … wrote:", GroupWise ">>>", Outlook "Original
// Message"), marked inferred, whether the list is imported, reindexed or archived post by post.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { storeFactories, type TestStore } from '../../../test/harness/stores.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import type { ArchiveEntry, Store } from '../../store/types.ts';
import { readMbox } from '../readers/mbox-reader.ts';
import { importArchive } from './import.ts';
import { archivePost } from './ingest.ts';
import { reindexArchive } from './reindex.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const FIXTURES = [['quote-wrote.mbox', 'wrote'], ['quote-groupwise.mbox', 'groupwise'], ['quote-outlook.mbox', 'outlook']] as const;
const fixture = (file: string): string => join(import.meta.dirname, '..', 'threading', 'fixtures', file);

async function entries(store: Store, listId: number): Promise<Map<string, ArchiveEntry>> {
  return new Map((await store.archiveEntriesAfter(listId, -1, 100)).map((e) => [e.messageId, e]));
}

/** What the core's test expects of each fixture (quote-inference.test.ts), read back from the store. */
function assertQuoteThreads(by: Map<string, ArchiveEntry>, label: string): void {
  const reply = by.get('reply@example.org');
  const orig = by.get('orig@example.org');
  assert.equal(reply?.parentId, 'orig@example.org', label);
  assert.equal(reply?.link, 'quote', label);
  assert.equal(reply?.inferred, true, label);
  assert.equal(reply?.threadId, orig?.threadId, label);
  assert.equal(orig?.parentId, null, label);
  assert.equal(orig?.inferred, false, label);
  // Same author and date in the attribution, but quoting text nobody posted: not attached.
  assert.equal(by.get('unrelated@example.org')?.parentId, null, label);
  assert.equal(by.get('decoy@example.org')?.parentId, null, label);
  assert.notEqual(by.get('unrelated@example.org')?.threadId, orig?.threadId, label);
}

for (const f of storeFactories) {
  describe(`quote threading through the store on ${f.name}`, () => {
    let t: TestStore;
    let n = 0;
    const newList = async (): Promise<MailingList> =>
      t.store.createList({ name: `quotes${n++}`, domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    for (const [file, style] of FIXTURES) {
      test(`import, then reindex: the reply hangs under the post it quotes (${style})`, async () => {
        const list = await newList();
        const r = await importArchive(t.store, list, readMbox(fixture(file)), { now: () => NOW });
        assert.equal(r.added, 5);
        const by = await entries(t.store, list.id);
        assertQuoteThreads(by, `import ${file}`);
        // Only the replies without references that quote someone keep evidence.
        assert.deepEqual([...by.values()].filter((e) => e.threadData !== null).map((e) => e.messageId).sort(), ['reply@example.org', 'unrelated@example.org']);
        assert.equal(r.threads, 4);
        const again = await reindexArchive(t.store, list, () => NOW);
        assert.equal(again.threads, 4);
        assertQuoteThreads(await entries(t.store, list.id), `reindex ${file}`);
      });

      test(`live ingest, post by post: the reply hangs under the post it quotes (${style})`, async () => {
        const list = await newList();
        for await (const m of readMbox(fixture(file))) {
          const src = await t.store.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'x@example.org', raw: m.raw, receivedAt: NOW });
          const postId = await t.store.savePost({ listId: list.id, sourceId: src, raw: m.raw, messageId: null, subject: null, fromAddress: 'x@example.org', sequence: 1, receivedAt: NOW });
          assert.equal((await archivePost(t.store, list, postId, NOW)).archived, true);
        }
        assertQuoteThreads(await entries(t.store, list.id), `live ${file}`);
      });
    }

    test('live ingest: without the quoted post the reply falls back to its subject', async () => {
      const list = await newList();
      const post = async (raw: string): Promise<void> => {
        const buf = Buffer.from(raw);
        const src = await t.store.saveIncoming({ listId: list.id, role: 'post', detail: null, envelopeFrom: 'x@example.org', raw: buf, receivedAt: NOW });
        const postId = await t.store.savePost({ listId: list.id, sourceId: src, raw: buf, messageId: null, subject: null, fromAddress: 'x@example.org', sequence: 1, receivedAt: NOW });
        await archivePost(t.store, list, postId, NOW);
      };
      await post('From: Bob <bob@example.org>\nSubject: ARM builds\nDate: Tue, 5 Jan 2010 10:00:00 +0000\nMessage-ID: <first@x>\n\nThe builds are red.\n');
      await post('From: Carol <carol@example.org>\nSubject: Re: ARM builds\nDate: Tue, 5 Jan 2010 16:00:00 +0000\nMessage-ID: <second@x>\n\nRolled back.\n\n'
        + 'On Tue, Jan 5, 2010 at 2:00 PM, Alice Example <alice@example.org> wrote:\n> I have been looking at the nightly build failures on the ARM boards and\n> they all seem to start after the toolchain upgrade.\n');
      const second = (await entries(t.store, list.id)).get('second@x');
      assert.equal(second?.parentId, 'first@x');
      assert.equal(second?.link, 'subject');
      assert.equal(second?.inferred, true);
    });
  });
}
