import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readMbox } from '../readers/mbox-reader.ts';
import { readMaildir, readMessageTree } from '../readers/maildir-reader.ts';
import { extractOverview, type ArchiveOverview } from '../overview.ts';
import { threadMessages, type BulkOptions, type BulkThreads } from './bulk.ts';
import { corpusPath, needsCorpus } from '../../../test/harness/corpus.ts';
import { expectedMailBoxDump, mailBoxDump, rawSubject } from '../../../test/harness/mail-box-dump.ts';

const now = new Date('2026-12-01T00:00:00Z');
const plainJwz: BulkOptions = { subjectGrouping: false, quoteInference: false };

async function overviews(source: AsyncIterable<{ raw: Buffer; fromLine?: string }>): Promise<ArchiveOverview[]> {
  const out: ArchiveOverview[] = [];
  for await (const m of source) out.push(extractOverview(m.raw, { now, fromLine: m.fromLine ?? null }));
  return out;
}

function groups(msgs: readonly ArchiveOverview[], r: BulkThreads): ArchiveOverview[][] {
  const by = new Map<string, ArchiveOverview[]>();
  msgs.forEach((m, i) => {
    const t = r.messages[i]?.threadId ?? '';
    by.set(t, [...(by.get(t) ?? []), m]);
  });
  return [...by.values()];
}

/** Parent among real messages: ghosts in between are skipped. */
function realParent(msgs: readonly ArchiveOverview[], r: BulkThreads, i: number): number | null {
  const index = new Map(msgs.map((m, k) => [m.messageId, k]));
  const ghosts = new Map(r.ghosts.map((g) => [g.messageId, g]));
  let p = r.messages[i]?.parentId ?? null;
  for (let steps = 0; p !== null && steps < 1000; steps++) {
    const k = index.get(p);
    if (k !== undefined) return k;
    p = ghosts.get(p)?.parentId ?? null;
  }
  return null;
}

test('notmuch default corpus: the 24 threads of `notmuch search`, with their sizes and tags', needsCorpus, async () => {
  const msgs = await overviews(readMessageTree(corpusPath('notmuch-threads/default')));
  const r = threadMessages(msgs, plainJwz);
  const expected = readFileSync(corpusPath('notmuch-threads/expected-default-threads.txt'), 'utf8').trim().split('\n').map((line) => {
    const m = /\[(\d+)\/(\d+)(?:\((\d+)\))?\] [^;]*; (.*) \(([^)]*)\)$/.exec(line);
    assert.ok(m, line);
    return { files: Number(m[3] ?? m[2]), subject: m[4] ?? '', tags: (m[5] ?? '').split(' ') };
  });
  const ours = groups(msgs, r);
  assert.equal(ours.length, 24);
  assert.equal(r.threadCount, 24);
  for (const e of expected) {
    // notmuch names a thread after its first message, without a leading "Re: ".
    const g = ours.find((t) => t.some((m) => m.subject.replace(/^re:\s*/i, '') === e.subject) && t.length === e.files);
    assert.ok(g, `thread "${e.subject}" with ${e.files} files`);
    assert.equal(g.some((m) => m.attachmentCount > 0), e.tags.includes('attachment'), `attachment tag of "${e.subject}"`);
    assert.equal(g.some((m) => m.signed), e.tags.includes('signed'), `signed tag of "${e.subject}"`);
  }
  assert.equal(r.messages.filter((m) => m.duplicate).length, 1);
});

test('notmuch threading corpora: ghost root and hijack, RT auto-replies, parent priority, loops, duplicates', needsCorpus, async () => {
  const ghost = await overviews(readMessageTree(corpusPath('notmuch-threads/threading/ghost-root')));
  const g = threadMessages(ghost, plainJwz);
  const at = (id: string) => ghost.findIndex((m) => m.messageId === id);
  const parentOf = (id: string) => {
    const p = realParent(ghost, g, at(id));
    return p === null ? null : ghost[p]?.messageId;
  };
  assert.equal(parentOf('000-real-root@example.org'), null);
  assert.equal(parentOf('001-child@example.org'), '000-real-root@example.org');
  assert.equal(parentOf('001-fake-message-root@example.org'), '001-child@example.org', 'the fake root does not become the root');
  assert.equal(parentOf('001-grand-child@example.org'), '001-child@example.org');
  assert.equal(parentOf('001-great-grand-child@example.org'), '001-grand-child@example.org');
  assert.equal(parentOf('001-grand-child2@example.org'), '001-child@example.org');
  const fyi = g.messages[at('87bmc6lp3h.fsf@len.workgroup')]?.threadId;
  assert.deepEqual(ghost.filter((_, i) => g.messages[i]?.threadId === fyi).map((m) => m.subject.replace(/^\[[^\]]*\] /, '')).sort(),
    ['AutoReply: FYI: xxxx xxxxxxx xxxxxxxxxxxx xxx', 'FYI: xxxx xxxxxxx xxxxxxxxxxxx xxx', 'Resolved: FYI: xxxx xxxxxxx xxxxxxxxxxxx xxx']);
  assert.equal(groups(ghost, g).length, 2);

  const prio = await overviews(readMaildir(corpusPath('notmuch-threads/threading/parent-priority')));
  const p = threadMessages(prio, plainJwz);
  const pid = (id: string) => p.messages[prio.findIndex((m) => m.messageId === id)]?.parentId;
  assert.equal(pid('B00-root@example.org'), null);
  assert.equal(pid('B01-child@example.org'), 'B00-root@example.org');
  assert.equal(pid('B01-grand-child@example.org'), 'B01-child@example.org');

  const loop = await overviews(readMessageTree(corpusPath('notmuch-threads/broken/loop')));
  const l = threadMessages(loop, plainJwz);
  assert.equal(l.threadCount, 1);
  assert.deepEqual(loop.map((m) => m.date.toISOString()).sort(), ['2016-06-17T02:14:41.000Z', '2016-06-18T02:14:41.000Z']);

  const dups = await overviews(readMessageTree(corpusPath('notmuch-threads/duplicate')));
  const d = threadMessages(dups, plainJwz);
  assert.equal(new Set(dups.map((m) => m.messageId)).size, 3);
  assert.equal(d.messages.filter((m) => !m.duplicate).length, 3, 'one stored copy per Message-ID');
  assert.equal(d.messages.filter((m) => m.duplicate).length, 6, 'the other copies are kept apart');
});

test('fedora-devel 2010-01: MHonArc\'s thread tree, except the two documented differences', needsCorpus, async () => {
  const msgs = await overviews(readMbox(corpusPath('fedora-devel-2010-01-threads/2010-January.mbox.gz')));
  assert.equal(msgs.length, 292);
  const rows = readFileSync(corpusPath('fedora-devel-2010-01-threads/expected-threads.tsv'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  const expThread = new Map<number, number>();
  const expParent = new Map<number, number | null>();
  const depthOf = new Map<number, number>();
  const stack: number[] = [];
  let root = -1;
  for (const row of rows) {
    const idx = Number(row[1]);
    const depth = Number(row[2]);
    if (depth === 0) root = idx;
    expThread.set(idx, root);
    stack.length = depth;
    expParent.set(idx, depth === 0 ? null : (stack[depth - 1] ?? null));
    stack[depth] = idx;
    depthOf.set(idx, depth);
  }
  assert.equal(expThread.size, 292);
  const check = (r: BulkThreads): { threads: number[]; parents: number[] } => {
    const threadDiff: number[] = [];
    for (const [idx, expRoot] of expThread) {
      const same = [...expThread].filter(([, rt]) => rt === expRoot).map(([k]) => k);
      const ours = msgs.map((_, k) => k).filter((k) => r.messages[k]?.threadId === r.messages[idx]?.threadId);
      if (same.sort((a, b) => a - b).join() !== ours.join()) threadDiff.push(idx);
    }
    const parentDiff: number[] = [];
    for (const [idx, p] of expParent) if ((depthOf.get(idx) ?? 0) < 3 && realParent(msgs, r, idx) !== p) parentDiff.push(idx);
    return { threads: [...new Set(threadDiff.map((k) => expThread.get(k) ?? -1))], parents: parentDiff };
  };
  // Plain JWZ: the "Common Lisp" thread (root 55) misses 153 and 285 (subject-only relations), and the
  // "ABRT considered painful" replies (6, 11, 12) sit under a ghost root where MHonArc has message 3.
  const jwz = check(threadMessages(msgs, plainJwz));
  assert.deepEqual(jwz.threads, [55]);
  assert.deepEqual(jwz.parents.sort((a, b) => a - b), [6, 11, 12, 153, 285]);
  // Quote inference finds 153's parent from its "On 01/04/2010 05:29 PM, Jerry James wrote:" quote.
  const inferred = threadMessages(msgs, { subjectGrouping: false });
  const r153 = inferred.messages[153];
  assert.equal(r153?.link, 'quote');
  assert.equal(r153?.threadId, inferred.messages[55]?.threadId);
  assert.deepEqual(check(inferred).parents.sort((a, b) => a - b), [6, 11, 12, 153, 285].filter((k) => k !== 153 || realParent(msgs, inferred, 153) !== 55));
});

test('Mail::Box thread dump of mbox.src and its CRLF twin, line for line', needsCorpus, async () => {
  const expected = expectedMailBoxDump(corpusPath('mailbox-perl-threads/expected-full-dump.txt'));
  for (const file of ['mbox.src', 'mbox.win']) {
    const msgs: ArchiveOverview[] = [];
    const subjects: string[] = [];
    for await (const m of readMbox(corpusPath('mailbox-perl-threads', file))) {
      msgs.push(extractOverview(m.raw, { now, fromLine: m.fromLine ?? null }));
      subjects.push(rawSubject(m.raw));
    }
    const r = threadMessages(msgs, plainJwz);
    const dump = mailBoxDump(msgs.map((m, i) => ({ messageId: m.messageId, parentId: r.messages[i]?.parentId ?? null, time: m.date.getTime(), subject: subjects[i] ?? '' })), r.ghosts);
    assert.deepEqual(dump.sort(), expected, file);
    // The dummy-rooted thread holds the two sub-threads of expected-thread-start.txt.
    const middle = msgs.findIndex((m) => m.messageId === 'NDBBJJFDMKFOAIFBEPPJIELLCBAA.cknoos@atg.com');
    const thread = r.messages[middle]?.threadId;
    assert.equal(r.messages.filter((t) => t.threadId === thread).length, 5);
    const single = msgs.findIndex((m) => m.messageId === '200010041822.e94IMZr19712@mystic.es.dupont.com');
    assert.equal(r.messages.filter((t) => t.threadId === r.messages[single]?.threadId).length, 1);
    // Beyond Mail::Box: Outlook-quoted "RE: Transparency question" replies find the posts they
    // quote (one quotes a post missing from the folder and stays a root).
    const withQuotes = threadMessages(msgs, { subjectGrouping: false });
    const links = msgs.map((m, i) => [m.messageId, withQuotes.messages[i]] as const).filter(([, t]) => t?.link === 'quote')
      .map(([id, t]) => `${id.slice(-16)} <- ${t?.parentId?.slice(-16)}`);
    assert.deepEqual(links, [
      'C9D8E324886AB2@EMAILSRVR_KPR'.slice(-16) + ' <- ' + 'C9D8E324886A3B@EMAILSRVR_KPR'.slice(-16),
      '03A0E5B2@host60.corbis.com'.slice(-16) + ' <- ' + 'C9D8E324886AB2@EMAILSRVR_KPR'.slice(-16),
      '03A0E5BF@host60.corbis.com'.slice(-16) + ' <- ' + '03A0E5B9@host60.corbis.com'.slice(-16),
    ]);
  }
});

test('ksummit and sourceforge: every message threaded, duplicates found, thread ids resolve', needsCorpus, async () => {
  for (const [file, dupes] of [['ksummit-public-inbox/ksummit.lists.linux.dev.mbox.gz', 3], ['sourceforge-mailman21/jfs-discussion.mbox.gz', 22]] as const) {
    const msgs = await overviews(readMbox(corpusPath(file)));
    const r = threadMessages(msgs);
    assert.equal(r.messages.length, msgs.length);
    // Placing messages one by one in file (arrival) order gives the same threads as date order.
    const live = threadMessages(msgs, { order: 'input' });
    const partition = (t: BulkThreads): string[] => groups(msgs, t).map((g) => g.map((m) => m.messageId).join(' ')).sort();
    assert.deepEqual(partition(live), partition(r));
    assert.equal(r.messages.filter((m) => m.duplicate).length, dupes, file);
    assert.ok(r.threadCount > 100 && r.threadCount < msgs.length / 2, `${file}: ${r.threadCount} threads`);
    // Walking up from any message ends at a root within its own thread.
    const nodes = new Map<string, { parentId: string | null; threadId: string }>();
    for (const g of r.ghosts) nodes.set(g.messageId, g);
    msgs.forEach((m, i) => { const t = r.messages[i]; if (t && !t.duplicate) nodes.set(m.messageId, t); });
    for (const t of r.messages) {
      let p = t.parentId;
      let steps = 0;
      for (; p !== null && steps < 5000; steps++) {
        const n = nodes.get(p);
        assert.equal(n?.threadId, t.threadId);
        p = n?.parentId ?? null;
      }
      assert.ok(steps < 5000);
    }
  }
});
