// canReadArchive over HTTP, as the archive pages call it: a public archive is open to all; a
// private one only to its members (signed in by emailed link or password), its moderators and
// owners, and site admins; with no archive, to nobody.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import { openSession } from '../auth/index.ts';
import { canReadArchive } from './index.ts';

for (const f of storeFactories) {
  describe(`private archive access on ${f.name}`, () => {
    let t: TestStore;
    let base: string;
    let server: ReturnType<typeof serve>;
    const deps = () => ({ store: t.store, site: { baseUrl: 'http://x', hostname: 'x', siteName: 'x', adminAddress: 'a@x' }, now: () => new Date(), token: () => Math.random().toString(16).slice(2).padEnd(40, '0'), confirmMailsPerHour: 3 });
    before(async () => {
      t = await f.open();
      const s = t.store;
      const now = new Date();
      for (const [name, archivePolicy] of [['open', 'public'], ['closed', 'private'], ['none', 'none']] as const) {
        const l = await s.createList({ name, domain: 'x.org', settings: { ...defaultListSettings(), archivePolicy }, createdAt: now });
        await s.addMember({ listId: l.id, address: 'member@example.org' }, now, `m-${name}`);
        await s.addMember({ listId: l.id, address: 'mod@example.org', role: 'moderator' }, now, `mod-${name}`);
      }
      const app = new Hono();
      app.get('/archives/:name/', async (c) => {
        const list = await s.findListByAddress(`${c.req.param('name')}@x.org`);
        return list && (await canReadArchive(c, { store: s, now: () => new Date() }, list)) ? c.text('archive') : c.text('sign in first', 403);
      });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      if (!server.listening) await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await t.close();
    });

    const status = async (name: string, cookie?: string) => (await fetch(`${base}/archives/${name}/`, { headers: cookie ? { cookie: `caucus_session=${cookie}` } : {} })).status;

    test('public for all, private for members and moderators, none for nobody', async () => {
      const member = (await openSession(deps(), 'member@example.org', 'link')).cookie;
      const mod = (await openSession(deps(), 'mod@example.org', 'link')).cookie;
      const stranger = (await openSession(deps(), 'stranger@example.org', 'link')).cookie;
      assert.equal(await status('open'), 200);
      assert.equal(await status('closed'), 403, 'no session');
      assert.equal(await status('closed', 'forged-cookie-value'), 403);
      assert.equal(await status('closed', stranger), 403, 'signed in, but not a member');
      assert.equal(await status('closed', member), 200);
      assert.equal(await status('closed', mod), 200);
      assert.equal(await status('none', member), 403);
    });
  });
}
