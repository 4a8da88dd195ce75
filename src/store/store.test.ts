// The shared store suite: every implementation (SQLite always, PostgreSQL with DATABASE_URL) must
// pass the same tests.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { CaucusError } from '../domain/errors.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

for (const f of storeFactories) {
  describe(`store on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('lists: create, find by address and name, settings, sequence, duplicate refused', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'Governance', domain: 'Lists.Example.org', settings: defaultListSettings(), createdAt: T0 });
      assert.equal(l.address, 'governance@lists.example.org');
      assert.equal((await s.findListByAddress('GOVERNANCE@lists.example.org'))?.id, l.id);
      assert.equal((await s.findListsByName('governance')).length, 1);
      await assert.rejects(s.createList({ name: 'governance', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: T0 }), (e: unknown) => e instanceof CaucusError && e.code === 'conflict');
      const changed = await s.updateListSettings(l.id, { ...l.settings, emergency: true, maxRecipients: 3 });
      assert.equal(changed.settings.emergency, true);
      assert.equal(changed.settings.maxRecipients, 3);
      assert.equal(await s.nextPostSequence(l.id), 1);
      assert.equal(await s.nextPostSequence(l.id), 2);
    });

    test('members: add, duplicate, roles, query, recipients deduped and filtered', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'm1', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const a = await s.addMember({ listId: l.id, address: 'Alice@Example.net', displayName: 'Alice' }, T0, 'tok-a');
      await s.addMember({ listId: l.id, address: 'bob@example.org' }, T0, 'tok-b');
      await s.addMember({ listId: l.id, address: 'carol@example.com', deliveryMode: 'mime_digest' }, T0, 'tok-c');
      await s.addMember({ listId: l.id, address: 'alice@example.net', role: 'owner' }, T0, 'tok-ao');
      await assert.rejects(s.addMember({ listId: l.id, address: 'ALICE@example.net' }, T0, 'tok-x'), /already/);
      assert.equal((await s.getMember(l.id, 'alice@EXAMPLE.net'))?.id, a.id);
      assert.equal((await s.getMember(l.id, 'alice@example.net', 'owner'))?.role, 'owner');
      assert.equal((await s.getMemberByToken('tok-b'))?.address, 'bob@example.org');
      assert.equal(await s.countMembers(l.id, 'member'), 3);
      assert.deepEqual((await s.listMembers(l.id, { role: 'member', search: 'ali' })).map((m) => m.address), ['Alice@Example.net']);
      assert.deepEqual((await s.listMembers(l.id, { role: 'member', limit: 1, offset: 1 })).map((m) => m.address), ['bob@example.org']);
      const b = await s.getMember(l.id, 'bob@example.org');
      await s.updateMember(b!.id, { deliveryEnabled: false, disabledReason: 'bounces', moderationAction: 'hold' });
      const b2 = await s.getMemberById(b!.id);
      assert.equal(b2?.deliveryEnabled, false);
      assert.equal(b2?.moderationAction, 'hold');
      assert.deepEqual((await s.regularRecipients(l.id)).map((r) => r.address), ['Alice@Example.net']);
      assert.equal((await s.membershipsOf('alice@example.net')).length, 2);
      await s.removeMember(a.id);
      assert.equal(await s.getMember(l.id, 'alice@example.net'), null);
    });

    test('messages: raw kept byte for byte (compressed or not), states, held queue, expiry', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'msg', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const big = Buffer.concat([Buffer.from('Subject: x\r\n\r\n'), Buffer.alloc(5000, 'abc\r\n'), Buffer.from([0xff, 0xfe, 0])]);
      const small = Buffer.from('Subject: y\n\nhi\n');
      const id1 = await s.saveIncoming({ raw: big, envelopeFrom: 'a@b.c', listId: l.id, role: 'post', detail: null, receivedAt: T0 });
      const id2 = await s.saveIncoming({ raw: small, envelopeFrom: null, listId: l.id, role: 'confirm', detail: 'TOKEN', receivedAt: T0 });
      assert.ok((await s.getRaw(id1))!.equals(big));
      assert.ok((await s.getRaw(id2))!.equals(small));
      const both = await s.getRaws([id2, id1, id2 + 1000]);
      assert.deepEqual([...both.keys()].sort((a, b) => a - b), [id1, id2]);
      assert.ok(both.get(id1)!.equals(big) && both.get(id2)!.equals(small));
      assert.equal((await s.getMessage(id2))?.detail, 'TOKEN');
      await s.updateMessage(id1, { state: 'held', hits: [{ rule: 'nonmember-moderation', action: 'hold', reason: 'not a member', details: { sender: 'a@b.c' } }], holdExpiresAt: at(100), subject: 'x' });
      const held = await s.listHeld(l.id);
      assert.equal(held.length, 1);
      assert.equal(held[0]!.hits[0]!.rule, 'nonmember-moderation');
      assert.equal((await s.expiredHolds(at(99), 10)).length, 0);
      assert.equal((await s.expiredHolds(at(100), 10)).length, 1);
      const p = await s.savePost({ listId: l.id, sourceId: id1, raw: big, messageId: 'x@y', subject: '[msg] x', fromAddress: 'a@b.c', sequence: 1, receivedAt: T0 });
      const post = await s.getMessage(p);
      assert.equal(post?.kind, 'post');
      assert.equal(post?.sourceId, id1);
    });

    test('jobs: claim once, lease expiry re-claims, fail with retry, dead and retried', async () => {
      const s = t.store;
      const [j1, j2] = await s.enqueue([{ queue: 'deliver', payload: { n: 1 } }, { queue: 'deliver', payload: { n: 2 }, runAt: at(60) }], T0);
      await s.enqueue({ queue: 'notify', payload: { n: 3 }, maxAttempts: 1 }, T0);
      const c1 = await s.claimJobs(['deliver'], 10, T0, 30_000);
      assert.deepEqual(c1.map((j) => j.id), [j1]);
      assert.equal(c1[0]!.attempts, 1);
      assert.deepEqual(JSON.parse(c1[0]!.payload), { n: 1 });
      assert.equal((await s.claimJobs(['deliver'], 10, at(10), 30_000)).length, 0, 'leased job is not claimed twice');
      const again = await s.claimJobs(['deliver'], 10, at(61), 30_000);
      assert.deepEqual(again.map((j) => j.id).sort(), [j1, j2].sort(), 'expired lease and due job are claimed');
      await s.completeJob(j1!, at(62));
      assert.equal(await s.failJob(j2!, 'boom', at(120), at(62)), 'pending');
      assert.equal((await s.getJob(j2!))?.lastError, 'boom');
      const n = await s.claimJobs(['notify'], 10, T0, 1000);
      assert.equal(await s.failJob(n[0]!.id, 'fatal', at(5), at(1)), 'dead', 'max attempts reached');
      assert.equal((await s.listJobs('dead', 10)).length, 1);
      const counts = await s.jobCounts();
      assert.ok(counts.some((c) => c.queue === 'notify' && c.state === 'dead' && c.count === 1));
      assert.equal(await s.retryDeadJobs(at(6)), 1);
      assert.equal((await s.claimJobs(['notify'], 10, at(6), 1000)).length, 1);
      assert.equal(await s.purgeDoneJobs(at(100_000)), 1);
    });

    test('jobs: concurrent claimers never take the same job', async () => {
      const s = t.store;
      await s.enqueue(Array.from({ length: 40 }, (_, i) => ({ queue: 'archive' as const, payload: { i } })), T0);
      const claims = await Promise.all(Array.from({ length: 4 }, () => s.claimJobs(['archive'], 15, at(1), 60_000)));
      const ids = claims.flat().map((j) => j.id);
      assert.equal(ids.length, 40);
      assert.equal(new Set(ids).size, 40);
    });

    test('transactions roll back together', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'tx', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      await assert.rejects(s.transaction(async (tx) => {
        await tx.saveIncoming({ raw: Buffer.from('a'), envelopeFrom: null, listId: l.id, role: 'post', detail: null, receivedAt: T0 });
        await tx.enqueue({ queue: 'incoming', payload: { listId: l.id } }, T0);
        throw new Error('abort');
      }), /abort/);
      assert.equal((await s.listJobs('pending', 100)).filter((j) => j.queue === 'incoming').length, 0);
    });

    test('pending tokens, rate limits, site values, delivery failures', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'pend', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      await s.createPending({ token: 'abc', listId: l.id, kind: 'subscribe', address: 'n@x.org', data: { digest: false, name: 'N' }, createdAt: T0, expiresAt: at(10) });
      assert.deepEqual((await s.getPending('abc'))?.data, { digest: false, name: 'N' });
      assert.equal((await s.listPending(l.id, 'subscribe')).length, 1);
      assert.equal(await s.purgeExpiredPending(at(11)), 1);
      assert.equal(await s.getPending('abc'), null);
      assert.equal(await s.hitRateLimit('confirm:n@x.org', T0, 3600_000, 2), true);
      assert.equal(await s.hitRateLimit('confirm:n@x.org', at(1), 3600_000, 2), true);
      assert.equal(await s.hitRateLimit('confirm:n@x.org', at(2), 3600_000, 2), false);
      assert.equal(await s.hitRateLimit('confirm:n@x.org', at(3700), 3600_000, 2), true, 'window slides');
      assert.equal(await s.setSiteValueIfAbsent('secret', 'one'), 'one');
      assert.equal(await s.setSiteValueIfAbsent('secret', 'two'), 'one');
      await s.recordDeliveryFailures([{ listId: l.id, postId: 1, recipient: 'x@y.z', code: 550, enhanced: '5.1.1', response: 'no such user', permanent: true, at: T0 }]);
      assert.equal((await s.listDeliveryFailures(l.id, 10))[0]?.enhanced, '5.1.1');
      await s.deleteList(l.id);
      assert.equal(await s.getList(l.id), null);
    });
  });
}
