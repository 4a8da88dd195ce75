// Join and leave requests under each policy, over the real store (SQLite always, PostgreSQL with
// DATABASE_URL): what changes, what is mailed, and what a stranger may be told.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { confirmToken, requestSubscribe, requestUnsubscribe } from './index.ts';
import { DAY, HOUR, makeDeps, makeList, takeSent, tokenOf } from './fixtures/kit.ts';

for (const f of storeFactories) {
  describe(`subscription requests on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('open policy: the sender joins at once and gets the welcome, filled in', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'open', displayName: 'Team Talk' });
      const r = await requestSubscribe(deps, list, { address: 'Ann@Example.net', displayName: 'Ann', deliveryMode: 'plain_digest', via: 'email', requestedBy: 'ann@example.net' });
      assert.equal(r.outcome, 'subscribed');
      assert.equal(r.notified, true);
      const m = await t.store.getMember(list.id, 'ann@example.net');
      assert.equal(m?.displayName, 'Ann');
      assert.equal(m?.deliveryMode, 'plain_digest');
      const sent = await takeSent(t.store);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.purpose, 'welcome');
      assert.deepEqual(sent[0]?.to, ['Ann@Example.net']);
      assert.equal(sent[0]?.subject, 'Welcome to the Team Talk mailing list');
      assert.match(sent[0]?.text ?? '', new RegExp(`To post, write to ${list.address}`));
      assert.match(sent[0]?.text ?? '', new RegExp(`send any message to ${list.name}-leave@lists\\.example\\.org`));
      assert.equal(sent[0]?.envelopeFrom, `${list.name}-bounces@lists.example.org`);
      assert.equal(sent[0]?.from, `${list.name}-request@lists.example.org`);
      assert.equal(sent[0]?.autoSubmitted, 'auto-replied');
    });

    test('open policy: a request for someone else, or from the web, is confirmed by them first', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'open' });
      const byOther = await requestSubscribe(deps, list, { address: 'bea@example.net', via: 'email', requestedBy: 'mallory@example.com' });
      assert.equal(byOther.outcome, 'confirmation_sent');
      const anonymous = await requestSubscribe(deps, list, { address: 'cid@example.net', via: 'web' });
      assert.equal(anonymous.outcome, 'confirmation_sent');
      assert.equal(await t.store.countMembers(list.id, 'member'), 0);
      const sent = await takeSent(t.store);
      assert.deepEqual(sent.map((s) => [s.purpose, s.to[0]]), [['confirm-subscribe', 'bea@example.net'], ['confirm-subscribe', 'cid@example.net']]);
      assert.match(sent[0]?.text ?? '', /mallory@example\.com asked by email for bea@example\.net to join/);
      assert.match(sent[1]?.text ?? '', /Someone \(hopefully you\) asked on the web site/);
      const c = await confirmToken(deps, tokenOf(sent[0]!));
      assert.equal(c.ok && c.outcome, 'subscribed');
      assert.ok(await t.store.getMember(list.id, 'bea@example.net'));
      assert.deepEqual((await takeSent(t.store)).map((s) => [s.purpose, s.to[0]]), [['welcome', 'bea@example.net']]);
    });

    test('confirm policy: the confirmation mail carries the token in subject, Reply-To and link', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm', confirmExpiryDays: 3 });
      const r = await requestSubscribe(deps, list, { address: 'dan@example.net', via: 'email', requestedBy: 'dan@example.net' });
      assert.equal(r.outcome, 'confirmation_sent');
      assert.equal(r.text, 'A confirmation request has been sent to dan@example.net. The subscription starts when it is confirmed.');
      assert.equal(await t.store.getMember(list.id, 'dan@example.net'), null);
      const [m] = await takeSent(t.store);
      const token = tokenOf(m!);
      assert.deepEqual(m?.to, ['dan@example.net']);
      assert.equal(m?.replyTo, `${list.name}-confirm+${token}@lists.example.org`);
      assert.ok(m?.text.includes(`https://lists.example.org/confirm/${token}`));
      assert.ok(m?.text.includes('lapses on 2026-03-05'));
      const p = await t.store.getPending(token);
      assert.equal(p?.kind, 'subscribe');
      assert.equal(p?.expiresAt.getTime(), deps.now().getTime() + 3 * DAY);
    });

    test('approve policy: moderators are told once, the person hears it waits', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'approve' });
      await t.store.addMember({ listId: list.id, address: 'owner@example.org', role: 'owner' }, deps.now(), deps.token());
      await t.store.addMember({ listId: list.id, address: 'OWNER@example.org', role: 'moderator' }, deps.now(), deps.token());
      await t.store.addMember({ listId: list.id, address: 'mod@example.org', role: 'moderator' }, deps.now(), deps.token());
      const r = await requestSubscribe(deps, list, { address: 'eve@example.net', displayName: 'Eve', via: 'email', requestedBy: 'eve@example.net' });
      assert.equal(r.outcome, 'pending_approval');
      const waiting = await t.store.listPending(list.id, 'approve_subscription');
      assert.equal(waiting.length, 1);
      assert.equal(waiting[0]?.data.displayName, 'Eve');
      const sent = await takeSent(t.store);
      assert.deepEqual(sent.map((s) => s.purpose), ['subscription-approval', 'awaiting-approval']);
      assert.deepEqual(sent[0]?.to, ['owner@example.org', 'mod@example.org']);
      assert.equal(sent[0]?.from, `${list.name}-owner@lists.example.org`);
      assert.match(sent[0]?.text ?? '', /Eve <eve@example\.net> asks to join/);
      assert.deepEqual(sent[1]?.to, ['eve@example.net']);
      const again = await requestSubscribe(deps, list, { address: 'eve@example.net', via: 'email', requestedBy: 'eve@example.net' });
      assert.equal(again.outcome, 'pending_approval');
      assert.equal((await takeSent(t.store)).length, 0);
      assert.equal((await t.store.listPending(list.id, 'approve_subscription')).length, 1);
    });

    test('approve policy without owners notifies the site administrator', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'approve' });
      await requestSubscribe(deps, list, { address: 'fay@example.net', via: 'web', requestedBy: 'fay@example.net' });
      const sent = await takeSent(t.store);
      assert.deepEqual(sent[0]?.to, ['admin@example.org']);
    });

    test('confirm_then_approve: confirmation first, then the moderators', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm_then_approve' });
      await requestSubscribe(deps, list, { address: 'gus@example.net', via: 'email', requestedBy: 'gus@example.net' });
      const [c] = await takeSent(t.store);
      assert.equal(c?.purpose, 'confirm-subscribe');
      const r = await confirmToken(deps, tokenOf(c!));
      assert.equal(r.ok && r.outcome, 'pending_approval');
      assert.equal(await t.store.getMember(list.id, 'gus@example.net'), null);
      assert.deepEqual((await takeSent(t.store)).map((s) => s.purpose), ['subscription-approval', 'awaiting-approval']);
    });

    test('banned addresses (plain or ^regex) cannot join; a stranger is told the same as for anyone', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'open', bannedAddresses: ['Spam@Example.com', '^.*@bad\\.example$', '^(a+)+$'] });
      const plain = await requestSubscribe(deps, list, { address: 'spam@example.com', via: 'email', requestedBy: 'spam@example.com' });
      const regex = await requestSubscribe(deps, list, { address: 'x@bad.example', via: 'web' });
      assert.equal(plain.outcome, 'banned');
      assert.equal(regex.outcome, 'banned');
      assert.equal(plain.text, `spam@example.com may not join ${list.address}.`);
      const fine = await requestSubscribe(deps, list, { address: 'x@good.example', via: 'web' });
      assert.equal(fine.outcome, 'confirmation_sent');
      assert.equal(regex.publicText.replace('x@bad.example', 'X').replace('x@bad.example', 'X'), fine.publicText.replaceAll('x@good.example', 'X'));
      assert.deepEqual((await takeSent(t.store)).map((s) => s.to[0]), ['x@good.example']);
      assert.equal(await t.store.countMembers(list.id), 0);
    });

    test('already a member: nothing is sent, and the public text does not tell', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      await t.store.addMember({ listId: list.id, address: 'hal@example.net' }, deps.now(), deps.token());
      const member = await requestSubscribe(deps, list, { address: 'hal@example.net', via: 'web' });
      const stranger = await requestSubscribe(deps, list, { address: 'ida@example.net', via: 'web' });
      assert.equal(member.outcome, 'already_member');
      assert.equal(stranger.outcome, 'confirmation_sent');
      assert.equal(member.publicText.replaceAll('hal@example.net', 'X'), stranger.publicText.replaceAll('ida@example.net', 'X'));
      assert.deepEqual((await takeSent(t.store)).map((s) => s.to[0]), ['ida@example.net']);
    });

    test('confirmation mails to one address are limited per hour, silently', async () => {
      const deps = makeDeps(t.store, 2);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await requestSubscribe(deps, list, { address: 'jo@example.net', via: 'web' }));
      assert.deepEqual(results.map((r) => r.outcome), ['confirmation_sent', 'confirmation_sent', 'rate_limited', 'rate_limited']);
      assert.equal(results[2]?.text, results[0]?.text);
      assert.equal(results[2]?.publicText, results[0]?.publicText);
      assert.equal((await takeSent(t.store)).length, 2);
      assert.equal((await t.store.listPending(list.id, 'subscribe')).length, 2);
      // Another address is not affected, and the limit lifts after the hour.
      assert.equal((await requestSubscribe(deps, list, { address: 'kim@example.net', via: 'web' })).outcome, 'confirmation_sent');
      deps.advance(HOUR + 1);
      assert.equal((await requestSubscribe(deps, list, { address: 'JO@example.net', via: 'web' })).outcome, 'confirmation_sent');
      assert.equal((await takeSent(t.store)).length, 2);
    });

    test('leaving with the confirm policy: member and non-member read the same to a stranger', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { unsubscribePolicy: 'confirm' });
      await t.store.addMember({ listId: list.id, address: 'lea@example.net' }, deps.now(), deps.token());
      const member = await requestUnsubscribe(deps, list, { address: 'lea@example.net', via: 'web' });
      const stranger = await requestUnsubscribe(deps, list, { address: 'max@example.net', via: 'web' });
      assert.equal(member.outcome, 'confirmation_sent');
      assert.equal(stranger.outcome, 'not_member');
      assert.equal(member.publicText.replaceAll('lea@example.net', 'X'), stranger.publicText.replaceAll('max@example.net', 'X'));
      assert.match(member.publicText, /^If lea@example\.net is a member of .*, a confirmation request has been sent to lea@example\.net\./);
      const sent = await takeSent(t.store);
      assert.deepEqual(sent.map((s) => [s.purpose, s.to[0]]), [['confirm-unsubscribe', 'lea@example.net']]);
      assert.ok(await t.store.getMember(list.id, 'lea@example.net'));
      const r = await confirmToken(deps, tokenOf(sent[0]!));
      assert.equal(r.ok && r.outcome, 'unsubscribed');
      assert.equal(await t.store.getMember(list.id, 'lea@example.net'), null);
      assert.deepEqual((await takeSent(t.store)).map((s) => s.purpose), ['goodbye']);
    });

    test('leaving with the open policy: the member leaves at once; someone else still confirms', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { unsubscribePolicy: 'open', displayName: 'Team Talk' });
      await t.store.addMember({ listId: list.id, address: 'ned@example.net' }, deps.now(), deps.token());
      await t.store.addMember({ listId: list.id, address: 'ola@example.net' }, deps.now(), deps.token());
      const self = await requestUnsubscribe(deps, list, { address: 'ned@example.net', via: 'email', requestedBy: 'NED@example.net' });
      assert.equal(self.outcome, 'unsubscribed');
      assert.equal(await t.store.getMember(list.id, 'ned@example.net'), null);
      const other = await requestUnsubscribe(deps, list, { address: 'ola@example.net', via: 'email', requestedBy: 'ned@example.net' });
      assert.equal(other.outcome, 'confirmation_sent');
      assert.ok(await t.store.getMember(list.id, 'ola@example.net'));
      const sent = await takeSent(t.store);
      assert.deepEqual(sent.map((s) => s.purpose), ['goodbye', 'confirm-unsubscribe']);
      assert.equal(sent[0]?.subject, 'You have left the Team Talk mailing list');
      assert.match(sent[0]?.text ?? '', new RegExp(`send any message to ${list.name}-join@`));
    });

    test('no welcome when the list sends none; invalid addresses are refused', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'open', sendWelcome: false });
      const r = await requestSubscribe(deps, list, { address: '<pat@example.net>', via: 'email', requestedBy: 'pat@example.net' });
      assert.equal(r.outcome, 'subscribed');
      assert.equal(r.notified, false);
      assert.equal((await takeSent(t.store)).length, 0);
      for (const bad of ['', 'not an address', 'a@b@c', 'x'.repeat(400) + '@example.net']) {
        const b = await requestSubscribe(deps, list, { address: bad, via: 'web' });
        assert.equal(b.outcome, 'invalid_address');
        assert.equal((await requestUnsubscribe(deps, list, { address: bad, via: 'web' })).outcome, 'invalid_address');
      }
    });
  });
}
