// Who may see a list's members on the web, over HTTP against the real app: by default nobody but its
// moderators and owners (the info page shows no roster, count or link); a public roster for
// everyone; a members-only one for signed-in members. A member who chose to be hidden never appears
// to anyone but moderators and owners, and addresses are written as addressObfuscation says.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings, type ListSettings } from '../../domain/list-settings.ts';
import { WebClient } from '../fixtures/http-client.ts';
import { signedIn } from '../fixtures/sessions.ts';
import { ROSTER_PAGE } from './roster.tsx';

/** Every way the hidden member could show: address, obfuscated address, name. */
const HIDDEN = /hider|Harriet/i;

for (const kind of dbKinds) {
  describe(`the roster on the web on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;

    async function list(name: string, settings: Partial<ListSettings>): Promise<void> {
      const s = t.app.store;
      const l = await s.createList({ name, domain: 'lists.example.org', settings: { ...defaultListSettings(), ...settings }, createdAt: new Date() });
      await s.addMember({ listId: l.id, address: 'alice@example.net', displayName: 'Alice Liddell' }, new Date(), `${name}-alice`);
      const hider = await s.addMember({ listId: l.id, address: 'hider@example.net', displayName: 'Harriet Hidden' }, new Date(), `${name}-hider`);
      await s.updateMember(hider.id, { hideFromRoster: true });
      await s.addMember({ listId: l.id, address: 'boss@example.org', role: 'owner' }, new Date(), `${name}-boss`);
    }

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url);
      base = `http://127.0.0.1:${t.running.ports.http}`;
      await list('quiet', {});
      await list('open', { rosterVisibility: 'public' });
      await list('club', { rosterVisibility: 'members' });
      await list('bare', { rosterVisibility: 'public', addressObfuscation: 'hidden' });
      await t.app.store.addMember({ listId: (await t.app.store.findListByAddress('bare@lists.example.org'))!.id, address: 'nameless@example.org' }, new Date(), 'bare-nameless');
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('by default the roster is for moderators and owners only: the info page reveals nothing', async () => {
      assert.equal(defaultListSettings().rosterVisibility, 'moderators');
      const member = await signedIn(t.app, base, 'alice@example.net', { method: 'link' });
      for (const w of [new WebClient(base), member]) {
        const info = await w.get('/lists/quiet');
        assert.equal(info.status, 200);
        assert.doesNotMatch(info.text, /alice|Liddell|hider|Harriet|boss@/i);
        assert.doesNotMatch(info.text, /\/roster"|\d+ members?\b/);
        const roster = await w.get('/lists/quiet/roster');
        assert.equal(roster.status, 403);
        assert.match(roster.text, /The member list of quiet@lists\.example\.org is not available to you/);
        assert.doesNotMatch(roster.text, /alice|Liddell|hider|Harriet/i);
      }
      const owner = await signedIn(t.app, base, 'boss@example.org');
      assert.match((await owner.get('/lists/quiet')).text, /<a href="\/lists\/quiet@lists\.example\.org\/roster">See who is a member<\/a>/);
      const staff = await owner.get('/lists/quiet/roster');
      assert.equal(staff.status, 200);
      assert.match(staff.text, /<li>Alice Liddell — alice@example\.net<\/li>/, 'owners read plain addresses');
      assert.match(staff.text, /<li>Harriet Hidden — hider@example\.net<span class="muted"> \(hidden from others\)<\/span><\/li>/);
      const admin = await signedIn(t.app, base, 'root@example.org', { siteAdmin: true });
      assert.equal((await admin.get('/lists/quiet/roster')).status, 200);
    });

    test('a public roster is shown to everyone, addresses obfuscated, and never the hidden member', async () => {
      const anyone = new WebClient(base);
      const info = await anyone.get('/lists/open');
      assert.match(info.text, /<a href="\/lists\/open@lists\.example\.org\/roster">See who is a member<\/a>/);
      const roster = await anyone.get('/lists/open/roster');
      assert.equal(roster.status, 200);
      assert.match(roster.text, /<li>Alice Liddell — alice at example\.net<\/li>/);
      assert.doesNotMatch(roster.text, /alice@example\.net/);
      assert.doesNotMatch(roster.text, HIDDEN);
      assert.doesNotMatch(info.text, HIDDEN);
      assert.match(roster.text, /2 members\. Members who asked to be hidden are not shown\./);
      const member = await signedIn(t.app, base, 'alice@example.net', { method: 'link' });
      assert.doesNotMatch((await member.get('/lists/open/roster')).text, HIDDEN, 'not to a fellow member either');
      const self = await signedIn(t.app, base, 'hider@example.net', { method: 'link' });
      assert.doesNotMatch((await self.get('/lists/open/roster')).text, HIDDEN, 'the roster looks the same to the hidden member');
      const bare = (await anyone.get('/lists/bare/roster')).text;
      assert.match(bare, /<li>Alice Liddell<\/li>/, 'with addresses hidden, names only');
      assert.match(bare, /<li>\(no name given\)<\/li>/);
      assert.doesNotMatch(bare, /@example|at example|nameless/);
      assert.doesNotMatch(bare, HIDDEN);
    });

    test('a members-only roster needs a signed-in member of that list', async () => {
      const anyone = new WebClient(base);
      assert.doesNotMatch((await anyone.get('/lists/club')).text, /\/roster"/);
      const refused = await anyone.get('/lists/club/roster');
      assert.equal(refused.status, 403);
      assert.match(refused.text, /<a href="\/account\/sign-in">Members of this list may see it after signing in<\/a>/);
      const stranger = await signedIn(t.app, base, 'stranger@example.org', { method: 'link' });
      assert.equal((await stranger.get('/lists/club/roster')).status, 403);
      assert.doesNotMatch((await stranger.get('/lists/club/roster')).text, /alice|Liddell/i);
      const member = await signedIn(t.app, base, 'alice@example.net', { method: 'link' });
      assert.match((await member.get('/lists/club')).text, /\/lists\/club@lists\.example\.org\/roster/);
      const seen = await member.get('/lists/club/roster');
      assert.equal(seen.status, 200);
      assert.match(seen.text, /Alice Liddell — alice at example\.net/);
      assert.doesNotMatch(seen.text, HIDDEN);
    });

    test('a long roster comes in pages, the hidden member on none of them', async () => {
      const l = (await t.app.store.findListByAddress('open@lists.example.org'))!;
      for (let i = 0; i < ROSTER_PAGE; i++) await t.app.store.addMember({ listId: l.id, address: `m${String(i).padStart(3, '0')}@example.org` }, new Date(), `open-m${i}`);
      const w = new WebClient(base);
      const first = await w.get('/lists/open/roster');
      assert.match(first.text, /<a href="\/lists\/open@lists\.example\.org\/roster\?page=2" rel="next">/);
      const second = await w.get('/lists/open/roster?page=2');
      assert.equal(second.status, 200);
      assert.match(second.text, /rel="prev"/);
      const shown = (first.text + second.text).match(/<li>[^<]* at example\.(org|net)<\/li>/g)?.length ?? 0;
      assert.equal(shown, ROSTER_PAGE + 1, 'everyone but the hidden member, once');
      assert.doesNotMatch(first.text + second.text, HIDDEN);
    });
  });
}
