// Confirmation, approval and one-click tokens over the real store: each is used once, expires
// when it should, and its notice is queued with the change.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { approvePending, confirmToken, describeToken, refusePending, requestSubscribe, requestUnsubscribe, unsubscribeByToken } from './index.ts';
import { DAY, makeDeps, makeList, takeSent, tokenOf } from './fixtures/kit.ts';

for (const f of storeFactories) {
  describe(`tokens on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('a confirmation works once; the second use finds nothing', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      await requestSubscribe(deps, list, { address: 'amy@example.net', displayName: 'Amy', deliveryMode: 'mime_digest', via: 'web' });
      const token = tokenOf((await takeSent(t.store))[0]!);
      // Looking at a token (the web's landing page) does not use it.
      const seen = await describeToken(deps, token);
      assert.deepEqual(seen && [seen.kind, seen.address, seen.listId, seen.expired], ['subscribe', 'amy@example.net', list.id, false]);
      assert.equal(await describeToken(deps, 'no-such-token'), null);
      const r = await confirmToken(deps, token);
      assert.deepEqual(r, { ok: true, outcome: 'subscribed', listId: list.id, address: 'amy@example.net', message: `amy@example.net is now a member of the ${list.name.replace(/^t/, 'T')} mailing list.`, notified: true });
      const m = await t.store.getMember(list.id, 'amy@example.net');
      assert.equal(m?.displayName, 'Amy');
      assert.equal(m?.deliveryMode, 'mime_digest');
      assert.equal(await t.store.getPending(token), null);
      const again = await confirmToken(deps, token);
      assert.equal(again.ok, false);
      assert.equal(!again.ok && again.error, 'not_found');
      assert.deepEqual((await takeSent(t.store)).map((s) => s.purpose), ['welcome']);
      assert.equal((await confirmToken(deps, '')).ok, false);
    });

    test('a token expires after confirmExpiryDays, with a clear message, and is deleted', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm', confirmExpiryDays: 2 });
      await requestSubscribe(deps, list, { address: 'bob@example.net', via: 'web' });
      await requestSubscribe(deps, list, { address: 'cat@example.net', via: 'web' });
      const [b, c] = await takeSent(t.store);
      deps.advance(2 * DAY - 1);
      const inTime = await confirmToken(deps, tokenOf(c!));
      assert.equal(inTime.ok && inTime.outcome, 'subscribed');
      deps.advance(1);
      assert.equal((await describeToken(deps, tokenOf(b!)))?.expired, true);
      const late = await confirmToken(deps, tokenOf(b!));
      assert.equal(late.ok, false);
      assert.equal(!late.ok && late.error, 'expired');
      assert.equal(!late.ok && late.message, 'This request expired on 2026-03-04. Please make it again.');
      assert.equal(await t.store.getPending(tokenOf(b!)), null);
      assert.equal(await t.store.getMember(list.id, 'bob@example.net'), null);
      assert.deepEqual((await takeSent(t.store)).map((s) => [s.purpose, s.to[0]]), [['welcome', 'cat@example.net']]);
    });

    test('confirming a join of an address banned meanwhile is refused; a member twice is harmless', async () => {
      const deps = makeDeps(t.store);
      let list = await makeList(t.store, { subscribePolicy: 'confirm' });
      await requestSubscribe(deps, list, { address: 'dee@example.net', via: 'web' });
      await requestSubscribe(deps, list, { address: 'eli@example.net', via: 'web' });
      const [d, e] = await takeSent(t.store);
      list = await t.store.updateListSettings(list.id, { ...list.settings, bannedAddresses: ['dee@example.net'] });
      const banned = await confirmToken(deps, tokenOf(d!));
      assert.equal(!banned.ok && banned.error, 'banned');
      await t.store.addMember({ listId: list.id, address: 'eli@example.net' }, deps.now(), deps.token());
      const twice = await confirmToken(deps, tokenOf(e!));
      assert.equal(twice.ok && twice.outcome, 'already_member');
      assert.equal((await takeSent(t.store)).length, 0);
    });

    test('confirming a leave of someone who already left says so and sends nothing', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store);
      const m = await t.store.addMember({ listId: list.id, address: 'fox@example.net' }, deps.now(), deps.token());
      await requestUnsubscribe(deps, list, { address: 'fox@example.net', via: 'web' });
      const [c] = await takeSent(t.store);
      await t.store.removeMember(m.id);
      const r = await confirmToken(deps, tokenOf(c!));
      assert.equal(r.ok && r.outcome, 'not_member');
      assert.equal((await takeSent(t.store)).length, 0);
    });

    test('moderators approve or refuse; tokens of the other kind are not accepted', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'approve' });
      await requestSubscribe(deps, list, { address: 'gil@example.net', displayName: 'Gil', via: 'email', requestedBy: 'gil@example.net' });
      await requestSubscribe(deps, list, { address: 'hana@example.net', via: 'email', requestedBy: 'hana@example.net' });
      await takeSent(t.store);
      const [gil, hana] = await t.store.listPending(list.id, 'approve_subscription');
      const wrong = await confirmToken(deps, gil!.token);
      assert.equal(!wrong.ok && wrong.error, 'wrong_kind');
      const ok = await approvePending(deps, gil!.token);
      assert.equal(ok.ok && ok.outcome, 'subscribed');
      assert.equal((await t.store.getMember(list.id, 'gil@example.net'))?.displayName, 'Gil');
      assert.deepEqual((await takeSent(t.store)).map((s) => [s.purpose, s.to[0]]), [['welcome', 'gil@example.net']]);
      const no = await refusePending(deps, hana!.token, 'This list is for staff only.');
      assert.equal(no.ok && no.outcome, 'refused');
      assert.equal(await t.store.getMember(list.id, 'hana@example.net'), null);
      const [refusal] = await takeSent(t.store);
      assert.deepEqual(refusal?.to, ['hana@example.net']);
      assert.match(refusal?.text ?? '', /was refused by its moderators\.\s+Reason given: This list is for staff only\./);
      assert.equal((await approvePending(deps, hana!.token)).ok, false);
      // A confirmation token is not a moderator's to approve.
      await requestSubscribe(deps, list, { address: 'ivy@example.net', via: 'web' });
      const conf = tokenOf((await takeSent(t.store))[0]!);
      const mixed = await approvePending(deps, conf);
      assert.equal(!mixed.ok && mixed.error, 'wrong_kind');
      assert.ok(await t.store.getPending(conf));
    });

    test('one-click unsubscribe (RFC 8058) acts at once with a goodbye; unknown or staff tokens do nothing', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { unsubscribePolicy: 'confirm' });
      const m = await t.store.addMember({ listId: list.id, address: 'jan@example.net' }, deps.now(), 'member-token-jan');
      await t.store.addMember({ listId: list.id, address: 'boss@example.net', role: 'owner' }, deps.now(), 'owner-token-boss');
      const r = await unsubscribeByToken(deps, m.unsubscribeToken);
      assert.equal(r.ok && r.outcome, 'unsubscribed');
      assert.equal(r.ok && r.address, 'jan@example.net');
      assert.equal(await t.store.getMember(list.id, 'jan@example.net'), null);
      assert.deepEqual((await takeSent(t.store)).map((s) => [s.purpose, s.to[0]]), [['goodbye', 'jan@example.net']]);
      assert.equal(!((await unsubscribeByToken(deps, m.unsubscribeToken)).ok), true);
      assert.equal((await unsubscribeByToken(deps, 'owner-token-boss')).ok, false);
      assert.ok(await t.store.getMember(list.id, 'boss@example.net', 'owner'));
      assert.equal((await unsubscribeByToken(deps, '')).ok, false);
    });
  });
}
