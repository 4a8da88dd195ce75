// The hold queue over a real store: holding notifies moderators with signed links; approval
// re-queues the message as approved; rejection tells the poster; expiry discards after the list's
// days and tells members, with a fake clock.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { Site } from '../domain/site.ts';
import { holdPost, approveHeld, rejectHeld, expireHolds, discardHeld } from './held.ts';
import { verifyModeration, signModeration } from './signing.ts';
import { mayAutoReply } from './auto-reply.ts';
import type { ModerationDeps } from './deps.ts';
import PostalMime from 'postal-mime';

const site: Site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Caucus', adminAddress: 'postmaster@lists.example.org' };
const raw = Buffer.from('From: x@elsewhere.example\r\nTo: gov@lists.example.org\r\nSubject: Hi\r\n\r\nhello\r\n');
const hit = { rule: 'nonmember-moderation', action: 'hold' as const, reason: 'The sender is not a member of the list.' };

async function notices(t: TestStore) {
  const jobs = await t.store.listJobs('pending', 100);
  return jobs.filter((j) => j.queue === 'notify').map((j) => JSON.parse(j.payload) as { to: string[]; raw: string; purpose: string });
}

for (const f of storeFactories) {
  describe(`moderation on ${f.name}`, () => {
    let t: TestStore;
    let clock: Date;
    let d: ModerationDeps;
    before(async () => {
      t = await f.open();
      clock = new Date('2026-05-01T12:00:00Z');
      d = { store: t.store, site, now: () => clock, secret: 'test-secret' };
    });
    after(async () => t.close());

    async function heldMessage(listId: number, from: string) {
      const id = await t.store.saveIncoming({ raw, envelopeFrom: from, listId, role: 'post', detail: null, receivedAt: clock });
      await t.store.updateMessage(id, { fromAddress: from, subject: 'Hi' });
      const m = (await t.store.getMessage(id))!;
      const list = (await t.store.getList(listId))!;
      await t.store.transaction((tx) => holdPost(tx, d, list, m, [hit], raw));
      return id;
    }

    test('hold: state, expiry time, moderator notice with working signed links', async () => {
      const list = await t.store.createList({ name: 'gov', domain: 'lists.example.org', settings: { ...defaultListSettings(), heldExpiryDays: 3 }, createdAt: clock });
      await t.store.addMember({ listId: list.id, address: 'mod@example.org', role: 'moderator' }, clock, 'm1');
      const id = await heldMessage(list.id, 'x@elsewhere.example');
      const m = await t.store.getMessage(id);
      assert.equal(m?.state, 'held');
      assert.equal(m?.holdExpiresAt?.getTime(), clock.getTime() + 3 * 86_400_000);
      const n = (await notices(t)).find((x) => x.purpose === 'held-notice')!;
      assert.deepEqual(n.to, ['mod@example.org']);
      const text = (await PostalMime.parse(Buffer.from(n.raw, 'base64'))).text ?? '';
      assert.match(text, /The sender is not a member of the list\./);
      const sig = text.match(new RegExp(`/moderate/gov/${id}/approve\\?sig=([A-Za-z0-9_-]+)`))?.[1];
      assert.ok(sig);
      assert.equal(verifyModeration('test-secret', list.id, id, 'approve', sig), true);
      assert.equal(verifyModeration('test-secret', list.id, id, 'discard', sig), false, 'a signature is for one action');
      assert.equal(verifyModeration('other', list.id, id, 'approve', sig), false);
      assert.equal(signModeration('test-secret', list.id, id + 1, 'approve') === sig, false);
    });

    test('approve re-queues as approved; reject tells the poster with the reason', async () => {
      const list = (await t.store.findListByAddress('gov@lists.example.org'))!;
      const a = await heldMessage(list.id, 'a@elsewhere.example');
      await approveHeld(d, list, a);
      assert.equal((await t.store.getMessage(a))?.state, 'received');
      assert.ok((await t.store.listJobs('pending', 100)).some((j) => j.queue === 'incoming' && JSON.parse(j.payload).messageId === a && JSON.parse(j.payload).approved === true));
      await assert.rejects(approveHeld(d, list, a), /not held/);
      const r = await heldMessage(list.id, 'r@elsewhere.example');
      await rejectHeld(d, list, r, 'Please write in English');
      assert.equal((await t.store.getMessage(r))?.state, 'rejected');
      const notice = (await notices(t)).find((x) => x.to[0] === 'r@elsewhere.example')!;
      assert.match((await PostalMime.parse(Buffer.from(notice.raw, 'base64'))).text ?? '', /Please write in English/);
      const x = await heldMessage(list.id, 'x2@elsewhere.example');
      await discardHeld(d, list, x);
      assert.equal((await t.store.getMessage(x))?.state, 'discarded');
    });

    test('expiry discards after the list\'s days; members are told, strangers are not', async () => {
      const list = (await t.store.findListByAddress('gov@lists.example.org'))!;
      await t.store.addMember({ listId: list.id, address: 'member@example.org' }, clock, 'mem1');
      const stranger = await heldMessage(list.id, 'spam@elsewhere.example');
      const member = await heldMessage(list.id, 'member@example.org');
      const before = (await notices(t)).filter((n) => n.purpose === 'expired-notice').length;
      clock = new Date(clock.getTime() + 3 * 86_400_000 - 1000);
      assert.equal(await expireHolds(d), 0);
      clock = new Date(clock.getTime() + 1000);
      assert.ok((await expireHolds(d)) >= 2);
      assert.equal((await t.store.getMessage(stranger))?.state, 'discarded');
      assert.match((await t.store.getMessage(member))?.stateReason ?? '', /held too long/);
      const expired = (await notices(t)).filter((n) => n.purpose === 'expired-notice');
      assert.equal(expired.length - before, 1);
      assert.deepEqual(expired.at(-1)?.to, ['member@example.org']);
    });
  });
}

test('mayAutoReply follows RFC 3834', () => {
  const h = (name: string, value: string) => [{ name, value }];
  assert.equal(mayAutoReply([], 'a@b.c'), true);
  assert.equal(mayAutoReply([], ''), false);
  assert.equal(mayAutoReply([], 'MAILER-DAEMON@b.c'), false);
  assert.equal(mayAutoReply(h('Auto-Submitted', 'auto-replied'), 'a@b.c'), false);
  assert.equal(mayAutoReply(h('Auto-Submitted', 'no'), 'a@b.c'), true);
  assert.equal(mayAutoReply(h('Precedence', 'bulk'), 'a@b.c'), false);
  assert.equal(mayAutoReply(h('List-Id', '<x.y>'), 'a@b.c'), false);
});
