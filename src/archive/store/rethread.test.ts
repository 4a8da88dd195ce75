// Rethreading a list through the store, on every store: streamed in pages with a small memory of
// fingerprints, it writes exactly what threading the whole list at once in memory gives.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { storeFactories, type TestStore } from '../../../test/harness/stores.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { Store } from '../../store/types.ts';
import { overviewFingerprint } from '../overview.ts';
import { decodeKeptQuotes } from '../quotes/kept-quotes-read.ts';
import { readMbox } from '../readers/mbox-reader.ts';
import { threadMessages, type BulkThreadMessage } from '../threading/bulk.ts';
import { importArchive } from './import.ts';
import { rethreadList } from './rethread.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const fixture = (file: string): string => join(import.meta.dirname, '..', 'threading', 'fixtures', file);

interface Forest {
  rows: Array<{ messageId: string; threadId: string | null; parentId: string | null; link: string; duplicate: boolean }>;
  ghosts: Array<{ messageId: string; threadId: string; parentId: string | null }>;
}

async function forest(store: Store, listId: number): Promise<Forest> {
  const entries = await store.archiveEntriesAfter(listId, -1, 10_000);
  const rows = entries.map((e) => ({ messageId: e.messageId, threadId: e.threadId, parentId: e.parentId, link: e.link, duplicate: e.duplicate }));
  const present = new Set(entries.map((e) => e.messageId));
  const named = entries.flatMap((e) => [...e.references, ...(e.inReplyTo ? [e.inReplyTo] : [])]).filter((id) => !present.has(id));
  const ghosts = (await store.archiveNodes(listId, named)).filter((n) => n.ghost)
    .map(({ messageId, threadId, parentId }) => ({ messageId, threadId, parentId })).sort((a, b) => a.messageId.localeCompare(b.messageId));
  return { rows, ghosts };
}

/** The list threaded at once in memory, from the rows and indexed texts the store holds. */
async function inMemory(store: Store, listId: number): Promise<Forest> {
  const entries = (await store.archiveEntriesAfter(listId, -1, 10_000)).filter((e) => e.badReason === null);
  const texts = new Map((await store.archiveIndexedTexts(entries.map((e) => e.id))).map((t) => [t.id, t.text]));
  const input: BulkThreadMessage[] = entries.map((e) => {
    const kept = decodeKeptQuotes(e.threadData);
    const text = texts.get(e.id);
    return {
      messageId: e.messageId, inReplyTo: e.inReplyTo, references: e.references, date: e.date, baseSubject: e.baseSubject, isReply: e.isReply,
      author: { name: e.authorName, address: e.authorAddress }, quotes: kept?.quotes ?? [], attribution: kept?.attribution ?? null,
      ...(text === undefined ? {} : { fingerprint: overviewFingerprint(text) }),
    };
  });
  const r = threadMessages(input);
  return {
    rows: entries.map((e, i) => ({ messageId: e.messageId, ...r.messages[i]! })),
    ghosts: r.ghosts.map(({ messageId, threadId, parentId }) => ({ messageId, threadId, parentId })).sort((a, b) => a.messageId.localeCompare(b.messageId)),
  };
}

for (const f of storeFactories) {
  describe(`rethread through the store on ${f.name}`, () => {
    let t: TestStore;
    let n = 0;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    const check = async (files: readonly string[], label: string): Promise<Forest> => {
      const s = t.store;
      const list = await s.createList({ name: `rethread${n++}`, domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
      let threads = 0;
      for (const file of files) threads = (await importArchive(s, list, readMbox(file), { now: () => NOW })).threads;
      const imported = await forest(s, list.id);
      assert.deepEqual(imported, await inMemory(s, list.id), `${label}: import`);
      // Pages of three rows and two remembered fingerprints: the same forest, written again.
      assert.equal((await rethreadList(s, list.id, { pageSize: 3, fingerprints: 2 })).threads, threads, label);
      assert.deepEqual(await forest(s, list.id), imported, `${label}: small pages`);
      return imported;
    };

    test('quote fixtures: replies hang under the posts they quote, page after page', async () => {
      const f = await check(['quote-wrote.mbox', 'quote-groupwise.mbox', 'quote-outlook.mbox'].map(fixture), 'fixtures');
      assert.equal(f.rows.filter((r) => r.link === 'quote').length, 3);
    });

    test('fedora-devel, Mail::Box and ksummit: quotes, subjects, ghosts and duplicates', needsCorpus, async () => {
      const fedora = await check([corpusPath('fedora-devel-2010-01-threads/2010-January.mbox.gz')], 'fedora');
      assert.ok(fedora.rows.some((r) => r.link === 'quote') && fedora.ghosts.length > 0);
      const mailbox = await check([corpusPath('mailbox-perl-threads/mbox.src')], 'mbox.src');
      assert.ok(mailbox.rows.some((r) => r.link === 'subject') && mailbox.ghosts.length > 0);
      const ksummit = await check([corpusPath('ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz')], 'ksummit');
      assert.ok(ksummit.rows.some((r) => r.duplicate));
    });
  });
}
