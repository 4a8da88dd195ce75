// Owners' and site admins' pages over HTTP: list settings (every option, grouped, validated by the
// schema, template previews), the roster (search, pages, add many, invite, remove, one member,
// CSV out and in), owners and moderators, and the site pages (create and delete lists, queue).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { WebClient } from '../fixtures/http-client.ts';
import { signedIn } from '../fixtures/sessions.ts';

for (const kind of dbKinds) {
  describe(`list administration on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let gov: MailingList;
    let owner: WebClient;
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url, { confirmMailsPerHour: 50 });
      base = `http://127.0.0.1:${t.running.ports.http}`;
      const s = t.app.store;
      gov = await s.createList({ name: 'gov', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      await s.addMember({ listId: gov.id, address: 'owner@example.net', role: 'owner' }, new Date(), 'tok-owner');
      await s.addMember({ listId: gov.id, address: 'mod@example.net', role: 'moderator' }, new Date(), 'tok-mod');
      for (let i = 0; i < 120; i++) await s.addMember({ listId: gov.id, address: `m${String(i).padStart(3, '0')}@example.org`, displayName: i === 7 ? 'Lucky Seven' : '' }, new Date(), `tok-${i}`);
      owner = await signedIn(t.app, base, 'owner@example.net');
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('the settings page shows every option with help, grouped, and only owners reach it', async () => {
      const page = await owner.get('/admin/lists/gov/settings');
      assert.equal(page.status, 200);
      for (const key of Object.keys(gov.settings)) assert.match(page.text, new RegExp(`name="${key}"`), key);
      for (const g of ['Identity', 'Posting', 'Moderation', 'Header and footer', 'Delivery', 'Joining and leaving', 'Privacy and archive']) assert.match(page.text, new RegExp(`<legend>${g}</legend>`));
      assert.match(page.text, /Hold posts without a subject/);
      assert.match(page.text, /<label for="s-footerTemplate">Footer<\/label>/);
      const mod = await signedIn(t.app, base, 'mod@example.net');
      assert.equal((await mod.get('/admin/lists/gov/settings')).status, 403);
      assert.equal((await mod.get('/admin/lists/gov/held')).status, 200);
    });

    test('saving goes through the schema: bad values are refused with the field named, good ones are stored', async () => {
      const bad = await owner.submit('/admin/lists/gov/settings', /\/settings$/, { maxRecipients: '-3', intent: 'save' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /1 setting needs a correction/);
      assert.match(bad.text, /id="s-maxRecipients-err"/);
      assert.equal((await t.app.store.getList(gov.id))?.settings.maxRecipients, 10);
      const ok = await owner.submit('/admin/lists/gov/settings', /\/settings$/, {
        intent: 'save', displayName: 'Governance', maxRecipients: '25', emergency: 'on',
        acceptNonmembers: 'a@example.org\n\n^.*@friends\\.example$\n', headerMatches: 'X-Spam-Flag | ^YES$ | discard',
      });
      assert.equal(ok.status, 200);
      assert.match(ok.text, /The settings are saved/);
      const s = (await t.app.store.getList(gov.id))!.settings;
      assert.equal(s.displayName, 'Governance');
      assert.equal(s.maxRecipients, 25);
      assert.equal(s.emergency, true);
      assert.deepEqual(s.acceptNonmembers, ['a@example.org', '^.*@friends\\.example$']);
      assert.deepEqual(s.headerMatches, [{ header: 'X-Spam-Flag', pattern: '^YES$', action: 'discard' }]);
      assert.equal(s.footerTemplate, defaultListSettings().footerTemplate, 'untouched templates keep their text exactly');
      const off = WebClient.form((await owner.get('/admin/lists/gov/settings')).text, /\/settings$/);
      delete off.fields.emergency;
      await owner.post(off.action, { ...off.fields, intent: 'save' });
      assert.equal((await t.app.store.getList(gov.id))!.settings.emergency, false, 'an unchecked box turns the option off');
    });

    test('templates preview with sample values, and Preview saves nothing', async () => {
      const r = await owner.submit('/admin/lists/gov/settings', /\/settings$/, { intent: 'preview', footerTemplate: 'Bye {member_address} from {list_address}' });
      assert.match(r.text, /This is a preview/);
      assert.match(r.text, /<pre>Bye sample\.member@example\.org from gov@lists\.example\.org<\/pre>/);
      assert.equal((await t.app.store.getList(gov.id))!.settings.footerTemplate, defaultListSettings().footerTemplate);
    });

    test('the roster pages by 50, searches, and edits one member', async () => {
      const p1 = await owner.get('/admin/lists/gov/members');
      assert.match(p1.text, /120 members/);
      assert.equal([...p1.text.matchAll(/name="ids"/g)].length, 50);
      assert.match(p1.text, /rel="next"/);
      const p3 = await owner.get('/admin/lists/gov/members?page=3');
      assert.equal([...p3.text.matchAll(/name="ids"/g)].length, 20);
      assert.doesNotMatch(p3.text, /rel="next"/);
      const found = await owner.get('/admin/lists/gov/members?q=lucky');
      assert.match(found.text, /m007@example\.org/);
      assert.equal([...found.text.matchAll(/name="ids"/g)].length, 1);
      const m = (await t.app.store.getMember(gov.id, 'm007@example.org'))!;
      const r = await owner.submit(`/admin/lists/gov/members/${m.id}`, new RegExp(`/members/${m.id}$`), { moderation: 'hold', mode: 'mime_digest' });
      assert.match(r.text, /options are saved/);
      const after = (await t.app.store.getMember(gov.id, 'm007@example.org'))!;
      assert.equal(after.moderationAction, 'hold');
      assert.equal(after.deliveryMode, 'mime_digest');
    });

    test('add many (directly or by invitation), remove many', async () => {
      const since = sink.transactions.length;
      const r = await owner.submit('/admin/lists/gov/members', /members\/add$/, { entries: 'New One <new1@example.com>\nnew2@example.com,Two\nnot-an-address\nm000@example.org', welcome: [] });
      assert.match(r.text, /2 added, 1 already members/);
      assert.match(r.text, /1 line has no valid address/);
      assert.equal((await t.app.store.getMember(gov.id, 'new1@example.com'))?.displayName, 'New One');
      const inv = await owner.submit('/admin/lists/gov/members', /members\/add$/, { entries: 'invitee@example.com', invite: 'on' });
      assert.match(inv.text, /0 added, 1 invited/);
      assert.equal(await t.app.store.getMember(gov.id, 'invitee@example.com'), null, 'an invitee joins only by confirming');
      const end = Date.now() + 5000;
      while (!sink.transactions.some((x) => x.recipients.includes('invitee@example.com')) && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
      assert.ok(sink.transactions.slice(since).some((x) => x.recipients.includes('invitee@example.com') && /owner@example\.net asked/.test(x.raw.toString().replace(/=\r?\n/g, ''))));
      assert.equal(sink.transactions.slice(since).filter((x) => x.recipients.includes('new1@example.com')).length, 0, 'no welcome when unchecked');
      const ids = [(await t.app.store.getMember(gov.id, 'new1@example.com'))!.id, (await t.app.store.getMember(gov.id, 'new2@example.com'))!.id];
      const gone = await owner.submit('/admin/lists/gov/members', /members\/remove$/, { ids: ids.map(String) });
      assert.match(gone.text, /2 members removed/);
      assert.equal(await t.app.store.getMember(gov.id, 'new1@example.com'), null);
    });

    test('CSV export and import round-trip, formulas are defused', async () => {
      await t.app.store.addMember({ listId: gov.id, address: 'eq@example.org', displayName: '=HYPERLINK("x")' }, new Date(), 'tok-eq');
      const csv = await owner.get('/admin/lists/gov/members.csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(csv.text, /^address,display_name,delivery_mode/);
      assert.match(csv.text, /eq@example\.org,"'=HYPERLINK\(""x""\)"/);
      const other = await t.app.store.createList({ name: 'copy', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      await t.app.store.addMember({ listId: other.id, address: 'owner@example.net', role: 'owner' }, new Date(), 'tok-owner2');
      const form = WebClient.form((await owner.get('/admin/lists/copy/members')).text, /members\/import$/);
      const body = new FormData();
      body.set('_csrf', form.fields._csrf!);
      body.set('file', new Blob([csv.text], { type: 'text/csv' }), 'members.csv');
      const r = await owner.request('POST', form.action, body);
      assert.equal(r.status, 200);
      assert.match(r.text, /121 added/);
      assert.equal((await t.app.store.getMember(other.id, 'eq@example.org'))?.displayName, '=HYPERLINK("x")');
    });

    test('owners add and remove moderators, and keep at least one owner', async () => {
      const r = await owner.submit('/admin/lists/gov/people', /people\/add$/, { address: 'newmod@example.net', role: 'moderator' });
      assert.match(r.text, /newmod@example\.net is now a moderator/);
      const self = (await t.app.store.getMember(gov.id, 'owner@example.net', 'owner'))!;
      const page = (await owner.get('/admin/lists/gov/people')).text;
      const forms = [...page.matchAll(/<form[^>]*people\/remove"[\s\S]*?<\/form>/g)].map((m) => WebClient.form(m[0], /remove$/));
      const mine = forms.find((f) => f.fields.id === String(self.id))!;
      assert.match((await owner.post(mine.action, mine.fields)).text, /keeps at least one owner/);
    });

    test('site admins create and delete lists and see the queue; others may not', async () => {
      assert.equal((await owner.get('/admin/site')).status, 403);
      const admin = await signedIn(t.app, base, 'root@example.org', { siteAdmin: true });
      const page = await admin.get('/admin/site');
      assert.equal(page.status, 200);
      assert.match(page.text, /Job queue/);
      const made = await admin.submit('/admin/site', /create-list$/, { address: 'fresh@lists.example.org', owner: 'boss@example.org' });
      assert.match(made.text, /fresh@lists\.example\.org is created/);
      const fresh = (await t.app.store.findListByAddress('fresh@lists.example.org'))!;
      assert.ok(await t.app.store.getMember(fresh.id, 'boss@example.org', 'owner'));
      const dup = await admin.submit('/admin/site', /create-list$/, { address: 'fresh@lists.example.org' });
      assert.match(dup.text, /already exists/);
      const forms = [...dup.text.matchAll(/<form[^>]*delete-list"[\s\S]*?<\/form>/g)].map((m) => WebClient.form(m[0], /delete-list$/));
      const del = forms.find((f) => f.fields.list === 'fresh@lists.example.org')!;
      assert.match((await admin.post(del.action, del.fields)).text, /was not deleted: check the box/);
      assert.match((await admin.post(del.action, { ...del.fields, confirm: 'on' })).text, /fresh@lists\.example\.org is deleted/);
      assert.equal(await t.app.store.findListByAddress('fresh@lists.example.org'), null);
    });
  });
}
