// The shared store suite for bounce processing and digests: SQLite always, PostgreSQL with
// DATABASE_URL, the same tests.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { BounceInfo } from './types.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

for (const f of storeFactories) {
  describe(`bounce and digest store on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('bounce info: put, replace, find by probe, active paging, cascade with the member', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'b1', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const a = await s.addMember({ listId: l.id, address: 'a@x.org' }, T0, 'tb-a');
      const b = await s.addMember({ listId: l.id, address: 'b@x.org' }, T0, 'tb-b');
      const c = await s.addMember({ listId: l.id, address: 'c@x.org' }, T0, 'tb-c');
      const base: BounceInfo = { memberId: a.id, listId: l.id, score: 1.5, lastBounceAt: at(10), disabledAt: null, warningsSent: 0, lastWarningAt: null, probeToken: null, probeSentAt: null };
      await s.putBounceInfo(base);
      await s.putBounceInfo({ ...base, score: 2.5 });
      assert.deepEqual(await s.getBounceInfo(a.id), { ...base, score: 2.5 });
      await s.putBounceInfo({ ...base, memberId: b.id, score: 0, probeToken: 'abc123', probeSentAt: at(20) });
      await s.putBounceInfo({ ...base, memberId: c.id, score: 0 });
      assert.equal((await s.findBounceInfoByProbe('abc123'))?.memberId, b.id);
      assert.equal(await s.findBounceInfoByProbe('nope'), null);
      const page1 = await s.activeBounceInfo(0, 1);
      const page2 = await s.activeBounceInfo(page1[0]!.memberId, 10);
      assert.deepEqual([...page1, ...page2].map((i) => i.memberId), [a.id, b.id], 'score 0 without probe or disabling is not active');
      assert.equal((await s.listBounceInfo(l.id)).length, 3);
      await s.removeMember(a.id);
      assert.equal(await s.getBounceInfo(a.id), null, 'goes with the membership');
      await s.deleteBounceInfo(b.id);
      assert.equal(await s.getBounceInfo(b.id), null);
    });

    test('bounce info lock: created empty when missing; concurrent read-modify-writes lose nothing', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'b0', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const m = await s.addMember({ listId: l.id, address: 'lock@x.org' }, T0, 'tb-lock');
      assert.deepEqual(await s.lockBounceInfo(m.id, l.id), { memberId: m.id, listId: l.id, score: 0, lastBounceAt: null, disabledAt: null, warningsSent: 0, lastWarningAt: null, probeToken: null, probeSentAt: null });
      await Promise.all([1, 2, 3, 4].map(() => s.transaction(async (tx) => {
        const i = await tx.lockBounceInfo(m.id, l.id);
        await tx.putBounceInfo({ ...i, score: i.score + 0.5 });
      })));
      assert.equal((await s.getBounceInfo(m.id))?.score, 2);
    });

    test('bounce events: recorded with their member, kept (member id cleared) when the member leaves', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'b2', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const m = await s.addMember({ listId: l.id, address: 'm@x.org' }, T0, 'tb-m');
      await s.recordBounceEvent({ listId: l.id, memberId: m.id, address: 'm@x.org', at: at(1), source: 'mail', kind: 'failure', reason: 'user-unknown', permanent: true, weight: 1, outcome: 'scored', messageId: null, detail: 'x' });
      await s.recordBounceEvent({ listId: l.id, memberId: null, address: 'z@x.org', at: at(2), source: 'smtp', kind: 'smtp', reason: 'spam-blocked', permanent: null, weight: 0, outcome: 'not-scored', messageId: 7, detail: '' });
      const ev = await s.listBounceEvents(l.id, 10);
      assert.deepEqual(ev.map((e) => [e.address, e.permanent, e.weight, e.messageId]), [['z@x.org', null, 0, 7], ['m@x.org', true, 1, null]]);
      await s.removeMember(m.id);
      assert.equal((await s.listBounceEvents(l.id, 10))[1]?.memberId, null);
    });

    test('delivery failures are taken for scoring once', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'b3', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      await s.takeUnscoredDeliveryFailures(1000);
      await s.recordDeliveryFailures([1, 2, 3].map((i) => ({ listId: l.id, postId: i, recipient: `r${i}@x.org`, code: 550, enhanced: '5.1.1', response: 'no', permanent: true, at: at(i) })));
      const [one, two] = await Promise.all([s.takeUnscoredDeliveryFailures(2), s.takeUnscoredDeliveryFailures(2)]);
      const taken = [...one!, ...two!].map((x) => x.recipient).sort();
      assert.deepEqual(taken, ['r1@x.org', 'r2@x.org', 'r3@x.org']);
      assert.equal((await s.takeUnscoredDeliveryFailures(10)).length, 0);
      assert.equal((await s.listDeliveryFailures(l.id, 10)).length, 3, 'the failures themselves stay');
    });

    test('digests: backlog, state lock and numbers, issue saved with its entries taken, recipients', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'd1', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const inc = await s.saveIncoming({ raw: Buffer.from('Subject: a\n\nx\n'), envelopeFrom: null, listId: l.id, role: 'post', detail: null, receivedAt: T0 });
      const p1 = await s.savePost({ listId: l.id, sourceId: inc, raw: Buffer.from('Subject: a\n\nx\n'), messageId: 'a@x', subject: 'a', fromAddress: 'a@x.org', sequence: 1, receivedAt: T0 });
      const p2 = await s.savePost({ listId: l.id, sourceId: inc, raw: Buffer.from('Subject: b\n\ny\n'), messageId: 'b@x', subject: 'b', fromAddress: 'a@x.org', sequence: 2, receivedAt: T0 });
      await s.addDigestEntry({ listId: l.id, postId: p1, size: 100, addedAt: at(5) });
      await s.addDigestEntry({ listId: l.id, postId: p2, size: 250, addedAt: at(9) });
      assert.deepEqual(await s.digestBacklog(l.id), [{ listId: l.id, count: 2, bytes: 350, oldestAt: at(5) }]);
      const state = await s.transaction(async (tx) => {
        const st = await tx.lockDigestState(l.id);
        await tx.setDigestState({ ...st, nextIssue: st.nextIssue + 1, lastSentAt: at(10) });
        return st;
      });
      assert.deepEqual(state, { listId: l.id, volume: 1, nextIssue: 1, lastSentAt: null });
      assert.deepEqual(await s.lockDigestState(l.id), { listId: l.id, volume: 1, nextIssue: 2, lastSentAt: at(10) });
      const entries = await s.pendingDigestEntries(l.id);
      assert.deepEqual(entries.map((e) => e.postId), [p1, p2]);
      const big = Buffer.alloc(4000, 'digest text\r\n');
      const id = await s.saveDigestIssue({ listId: l.id, volume: 1, issue: 1, createdAt: at(10), entryIds: entries.map((e) => e.id), mime: big, plain: Buffer.from('plain') });
      assert.deepEqual(await s.digestBacklog(l.id), []);
      assert.ok((await s.getDigestRaw(id, 'mime'))!.equals(big));
      assert.equal((await s.getDigestRaw(id, 'plain'))!.toString(), 'plain');
      assert.deepEqual(await s.getDigestIssue(id), { id, listId: l.id, volume: 1, issue: 1, createdAt: at(10), entryCount: 2 });
      assert.equal((await s.listDigestIssues(l.id, 5)).length, 1);
      await s.addMember({ listId: l.id, address: 'Mime@x.org', deliveryMode: 'mime_digest' }, T0, 'td-m');
      await s.addMember({ listId: l.id, address: 'plain@x.org', deliveryMode: 'plain_digest' }, T0, 'td-p');
      const off = await s.addMember({ listId: l.id, address: 'off@x.org', deliveryMode: 'mime_digest' }, T0, 'td-o');
      await s.updateMember(off.id, { deliveryEnabled: false });
      assert.deepEqual((await s.digestRecipients(l.id, 'mime_digest')).map((r) => r.address), ['Mime@x.org']);
      assert.deepEqual((await s.digestRecipients(l.id, 'plain_digest')).map((r) => r.unsubscribeToken), ['td-p']);
      assert.equal(await s.purgeDigestIssues(at(11)), 1);
      assert.equal(await s.getDigestIssue(id), null);
    });
  });
}
