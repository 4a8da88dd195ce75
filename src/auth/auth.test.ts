// The auth feature on every store: emailed links work once and reveal nothing, passwords are
// argon2id and rate-limited, roles need the right kind of session, address changes move every
// membership, API tokens are found by digest only.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import type { AuthDeps } from './deps.ts';
import {
  authenticateApiToken, confirmAddressChange, createApiToken, createSiteAdmin, isSiteAdmin, mayReadArchive, readSession, requestAddressChange,
  requestPasswordLink, requestSignInLink, rolesOn, setPasswordWithLink, signInWithLink, signInWithPassword,
} from './index.ts';

const T0 = new Date('2026-03-01T10:00:00Z');
const site = { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Caucus', adminAddress: 'admin@lists.example.org' };

/** The token of the last mail queued to `to`, read back from its notify job. */
async function lastLinkTo(t: TestStore, to: string, path: string): Promise<string> {
  const jobs = (await t.store.claimJobs(['notify'], 100, new Date(T0.getTime() + 86_400_000 * 30), 1000)).reverse();
  for (const j of jobs) {
    const p = JSON.parse(j.payload) as { to: string[]; raw: string };
    if (!p.to.includes(to)) continue;
    const m = Buffer.from(p.raw, 'base64').toString('utf8').replace(/=\r?\n/g, '').match(new RegExp(`${path}/([0-9a-f]+)`));
    if (m) return m[1]!;
  }
  throw new Error(`no mail to ${to}`);
}

for (const f of storeFactories) {
  describe(`auth on ${f.name}`, () => {
    let t: TestStore;
    let d: AuthDeps;
    let list: MailingList;
    let clock = T0;
    let n = 0;
    before(async () => {
      t = await f.open();
      d = { store: t.store, site, now: () => clock, token: () => (n++).toString(16).padStart(40, 'a'), confirmMailsPerHour: 3 };
      list = await t.store.createList({ name: 'gov', domain: 'lists.example.org', settings: { ...defaultListSettings(), archivePolicy: 'private' }, createdAt: T0 });
      await t.store.addMember({ listId: list.id, address: 'Mel@example.net' }, T0, 'tm');
      await t.store.addMember({ listId: list.id, address: 'owen@example.net', role: 'owner' }, T0, 'to');
    });
    after(async () => { await t.close(); });

    test('a sign-in link goes only to known addresses, works once, and opens a link session', async () => {
      assert.deepEqual(await requestSignInLink(d, 'stranger@example.com'), { sent: false });
      assert.deepEqual(await requestSignInLink(d, 'mel@example.net'), { sent: true });
      const token = await lastLinkTo(t, 'mel@example.net', '/account/link');
      const opened = await signInWithLink(d, token);
      assert.equal(opened?.session.method, 'link');
      assert.equal(await signInWithLink(d, token), null, 'the link works once');
      const s = await readSession(d, opened!.cookie);
      assert.equal(s?.address, 'mel@example.net');
      assert.deepEqual(await rolesOn(t.store, s, list), { member: true, moderator: false, owner: false, siteAdmin: false });
      assert.equal(await mayReadArchive(t.store, s, list), true, 'a member reads the private archive');
      assert.equal(await mayReadArchive(t.store, null, list), false, 'nobody else does');
    });

    test('owners set a password by link; wrong passwords fail; too many attempts are refused', async () => {
      assert.deepEqual(await requestPasswordLink(d, 'mel@example.net'), { sent: false }, 'members have no password');
      assert.deepEqual(await requestPasswordLink(d, 'owen@example.net'), { sent: true });
      const token = await lastLinkTo(t, 'owen@example.net', '/admin/password');
      await assert.rejects(setPasswordWithLink(d, token, 'short'), /at least 10/);
      const opened = await setPasswordWithLink(d, token, 'correct horse battery');
      assert.ok(opened);
      assert.match((await t.store.getAccount('owen@example.net'))?.passwordHash ?? '', /^\$argon2id\$/);
      assert.equal(await setPasswordWithLink(d, token, 'another good one'), null, 'the link works once');
      assert.equal(await signInWithPassword(d, 'owen@example.net', 'wrong password!'), null);
      assert.equal(await signInWithPassword(d, 'nobody@example.net', 'correct horse battery'), null);
      const ok = await signInWithPassword(d, 'OWEN@example.net', 'correct horse battery');
      const roles = await rolesOn(t.store, ok!.session, list);
      assert.deepEqual(roles, { member: false, moderator: true, owner: true, siteAdmin: false });
      const linkSession = { ...ok!.session, method: 'link' as const };
      assert.equal((await rolesOn(t.store, linkSession, list)).owner, false, 'a link session never carries owner powers');
      for (let i = 0; i < 8; i++) await signInWithPassword(d, 'owen@example.net', 'guess');
      await assert.rejects(signInWithPassword(d, 'owen@example.net', 'correct horse battery'), (e: Error & { code?: string }) => e.code === 'rate_limited');
    });

    test('a site admin is made by the CLI path and is admin only with a password session', async () => {
      const { url } = await createSiteAdmin(d, 'root@example.org');
      const token = url.split('/').pop()!;
      const opened = await setPasswordWithLink(d, token, 'a long admin password');
      assert.equal(await isSiteAdmin(t.store, opened!.session), true);
      assert.equal((await rolesOn(t.store, opened!.session, list)).owner, true);
      assert.equal(await isSiteAdmin(t.store, { ...opened!.session, method: 'link' }), false);
    });

    test('an address change is confirmed at the new address and moves every membership', async () => {
      await assert.rejects(requestAddressChange(d, 'mel@example.net', 'MEL@example.net'), /already use/);
      await requestAddressChange(d, 'mel@example.net', 'mel@new.example');
      const token = await lastLinkTo(t, 'mel@new.example', '/account/change');
      const r = await confirmAddressChange(d, token);
      assert.deepEqual(r, { oldAddress: 'mel@example.net', newAddress: 'mel@new.example', moved: 1 });
      assert.equal(await t.store.getMember(list.id, 'mel@example.net'), null);
      assert.equal((await t.store.getMember(list.id, 'mel@new.example'))?.unsubscribeToken, 'tm');
      assert.equal(await confirmAddressChange(d, token), null);
    });

    test('API tokens are shown once and found by their digest', async () => {
      const { token, record } = await createApiToken(d, 'deploy bot', list.id);
      assert.match(token, /^caucus_[0-9a-f]{80}$/);
      assert.notEqual(record.tokenHash, token);
      assert.equal((await authenticateApiToken(d, token))?.id, record.id);
      assert.equal(await authenticateApiToken(d, `${token}x`), null);
      assert.equal(await authenticateApiToken(d, 'Bearer nonsense'), null);
      await assert.rejects(createApiToken(d, '  ', null), /name/);
    });
  });
}
