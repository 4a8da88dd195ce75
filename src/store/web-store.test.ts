// The web's records on every store (SQLite always, PostgreSQL with DATABASE_URL): accounts,
// sessions, single-use links and API tokens.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

for (const f of storeFactories) {
  describe(`web records on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('accounts: created once, promoted, password set and cleared', async () => {
      const s = t.store;
      assert.equal(await s.getAccount('Admin@Example.org'), null);
      const a = await s.ensureAccount('Admin@Example.org', T0);
      assert.equal(a.siteAdmin, false);
      assert.equal(a.passwordHash, null);
      const again = await s.ensureAccount('admin@example.org', at(1), { siteAdmin: true });
      assert.equal(again.id, a.id);
      assert.equal(again.siteAdmin, true);
      assert.equal(again.address, 'Admin@Example.org', 'the address stays as first written');
      await s.setAccountPassword('ADMIN@example.org', '$argon2id$x', at(2));
      const withPw = await s.getAccount('admin@example.org');
      assert.equal(withPw?.passwordHash, '$argon2id$x');
      assert.deepEqual(withPw?.passwordSetAt, at(2));
      assert.deepEqual((await s.listAccounts()).map((x) => x.address), ['Admin@Example.org']);
    });

    test('sessions: found by digest, ended one by one or all for an address, purged when expired', async () => {
      const s = t.store;
      await s.createSession({ idHash: 'h1', address: 'Bob@example.org', method: 'link', createdAt: T0, expiresAt: at(100) });
      await s.createSession({ idHash: 'h2', address: 'bob@example.org', method: 'password', createdAt: T0, expiresAt: at(100) });
      await s.createSession({ idHash: 'h3', address: 'carol@example.org', method: 'link', createdAt: T0, expiresAt: at(10) });
      assert.equal((await s.getSession('h1'))?.method, 'link');
      assert.equal((await s.getSession('h2'))?.address, 'bob@example.org');
      await s.deleteSession('h1');
      assert.equal(await s.getSession('h1'), null);
      assert.equal(await s.deleteSessionsOf('BOB@example.org'), 1);
      assert.equal(await s.getSession('h2'), null);
      assert.equal(await s.purgeExpiredWeb(at(50)), 1);
      assert.equal(await s.getSession('h3'), null);
    });

    test('links: single use, refused when expired, data kept', async () => {
      const s = t.store;
      await s.createWebLink({ tokenHash: 'l1', address: 'dan@example.org', purpose: 'change_address', data: { newAddress: 'dan@new.example', n: 1 }, createdAt: T0, expiresAt: at(60) });
      assert.equal((await s.getWebLink('l1'))?.purpose, 'change_address');
      const taken = await s.takeWebLink('l1', at(1));
      assert.deepEqual(taken?.data, { newAddress: 'dan@new.example', n: 1 });
      assert.equal(await s.takeWebLink('l1', at(2)), null, 'a link works once');
      await s.createWebLink({ tokenHash: 'l2', address: 'dan@example.org', purpose: 'sign_in', data: {}, createdAt: T0, expiresAt: at(60) });
      assert.equal(await s.takeWebLink('l2', at(61)), null, 'an expired link does nothing');
      assert.equal(await s.getWebLink('l2'), null, 'and is gone');
    });

    test('roster pages: ordered by address, searched without regard to case, wildcards taken literally', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'roster', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      for (const [a, n] of [['Zed@example.org', 'Zed'], ['amy@example.org', 'Amy Pond'], ['b_c@example.org', ''], ['bxc@example.org', 'Lucky Seven']]) await s.addMember({ listId: list.id, address: a!, displayName: n! }, T0, `tok-${a}`);
      await s.addMember({ listId: list.id, address: 'amy@example.org', role: 'owner' }, T0, 'tok-owner-amy');
      const page = async (q: { search?: string; offset: number; limit: number }) => (await s.rosterPage(list.id, 'member', q)).map((m) => m.address);
      assert.deepEqual(await page({ offset: 0, limit: 10 }), ['amy@example.org', 'b_c@example.org', 'bxc@example.org', 'Zed@example.org']);
      assert.deepEqual(await page({ offset: 1, limit: 2 }), ['b_c@example.org', 'bxc@example.org']);
      assert.deepEqual(await page({ search: 'LUCKY', offset: 0, limit: 10 }), ['bxc@example.org']);
      assert.deepEqual(await page({ search: 'b_c', offset: 0, limit: 10 }), ['b_c@example.org'], '_ is not a wildcard');
      assert.deepEqual(await page({ search: 'zed@', offset: 0, limit: 10 }), ['Zed@example.org']);
      assert.equal((await s.rosterPage(list.id, 'owner', { offset: 0, limit: 10 })).length, 1);
    });

    test('API tokens: site-wide or for one list, touched, deleted with their list', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'api', domain: 'x.org', settings: defaultListSettings(), createdAt: T0 });
      const site = await s.createApiToken({ name: 'ops', tokenHash: 'th1', listId: null, createdAt: T0 });
      const one = await s.createApiToken({ name: 'bot', tokenHash: 'th2', listId: list.id, createdAt: T0 });
      assert.equal((await s.findApiToken('th2'))?.listId, list.id);
      await s.touchApiToken(site.id, at(5));
      assert.deepEqual((await s.findApiToken('th1'))?.lastUsedAt, at(5));
      await s.deleteList(list.id);
      assert.equal(await s.findApiToken('th2'), null, 'a list token goes with its list');
      assert.equal(await s.deleteApiToken(one.id), false);
      assert.equal(await s.deleteApiToken(site.id), true);
      assert.deepEqual(await s.listApiTokens(), []);
    });
  });
}
