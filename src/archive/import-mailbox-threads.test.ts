// Mail::Box's ImageMagick folder (mailbox-perl-threads) imported through the store, on every store:
// with the inferred links (quote and subject) cut, the tree read back is Mail::Box's dump line for
// line; with them, it is what the in-memory core threads, message for message.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';
import { expectedMailBoxDump, mailBoxDump, rawSubject } from '../../test/harness/mail-box-dump.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { analyse, importArchive, readMbox } from './index.ts';
import { overviewFingerprint } from './overview.ts';
import { threadMessages, type BulkThreadMessage } from './threading/bulk.ts';

const NOW = new Date('2026-12-01T00:00:00Z');

for (const f of storeFactories) {
  describe(`mailbox-perl-threads through the store on ${f.name}`, needsCorpus, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    for (const file of ['mbox.src', 'mbox.win']) {
      test(`${file}: Mail::Box's thread dump, and the core's threads with quotes and subjects`, async () => {
        const s = t.store;
        const list = await s.createList({ name: file.replace('.', '-'), domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
        const r = await importArchive(s, list, readMbox(corpusPath('mailbox-perl-threads', file)), { now: () => NOW });
        assert.equal(r.added, 45);
        const entries = await s.archiveEntriesAfter(list.id, -1, 100);
        const subjects: string[] = [];
        const core: BulkThreadMessage[] = [];
        for await (const m of readMbox(corpusPath('mailbox-perl-threads', file))) {
          subjects.push(rawSubject(m.raw));
          const ov = analyse(m.raw, list, NOW, m.fromLine ?? null).overview;
          core.push({ ...ov, fingerprint: overviewFingerprint(ov.text) });
        }
        assert.deepEqual(entries.map((e) => e.messageId), core.map((m) => m.messageId), 'numbered in file order');

        // Ghosts are the missing parents the store knows, found from the messages' parent links.
        const present = new Set(entries.map((e) => e.messageId));
        const missing = [...new Set(entries.map((e) => e.parentId).filter((p): p is string => p !== null && !present.has(p)))];
        const ghosts = (await s.archiveNodes(list.id, missing)).filter((n) => n.ghost);
        assert.ok(ghosts.length > 0);
        const dump = mailBoxDump(entries.map((e, i) => ({
          messageId: e.messageId, parentId: e.inferred ? null : e.parentId, time: e.date.getTime(), subject: subjects[i] ?? '',
        })), ghosts);
        assert.deepEqual(dump.sort(), expectedMailBoxDump(corpusPath('mailbox-perl-threads/expected-full-dump.txt')));

        // With inference on, the store places every message as the in-memory core does.
        const mem = threadMessages(core);
        assert.deepEqual(entries.map((e) => ({ threadId: e.threadId, parentId: e.parentId, link: e.link, duplicate: e.duplicate })), mem.messages);
        assert.equal(r.threads, mem.threadCount);
        const quoted = entries.filter((e) => e.link === 'quote').map((e) => `${e.messageId} <- ${e.parentId}`);
        assert.deepEqual(quoted.map((q) => q.replace(/[^ ]*(.{16}) <- [^ ]*(.{16})$/, '$1 <- $2')), [
          'C9D8E324886AB2@EMAILSRVR_KPR'.slice(-16) + ' <- ' + 'C9D8E324886A3B@EMAILSRVR_KPR'.slice(-16),
          '03A0E5B2@host60.corbis.com'.slice(-16) + ' <- ' + 'C9D8E324886AB2@EMAILSRVR_KPR'.slice(-16),
          '03A0E5BF@host60.corbis.com'.slice(-16) + ' <- ' + '03A0E5B9@host60.corbis.com'.slice(-16),
        ]);
        assert.ok(entries.filter((e) => e.link === 'subject').length > 0);
        assert.ok(entries.every((e) => e.inferred === (e.link === 'quote' || e.link === 'subject')));
      });
    }
  });
}
