// The API-token page over HTTP against the real app: only site admins reach it; a token made there
// shows its secret once and works against the REST API; the list shows names, scopes and dates but
// never a secret or digest; revoking shuts the token out; every form needs its CSRF token.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { WebClient } from '../fixtures/http-client.ts';
import { signedIn } from '../fixtures/sessions.ts';

const SECRET = /caucus_[A-Za-z0-9_-]{20,}/g;

for (const kind of dbKinds) {
  describe(`API-token page on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let gov: MailingList;
    let admin: WebClient;
    const api = (token: string, path = '/lists') => fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    /** The revoke form of the token with this id, as the page shows it. */
    const revokeForm = (html: string, id: number) =>
      [...html.matchAll(/<form[^>]*tokens\/revoke"[\s\S]*?<\/form>/g)].map((m) => WebClient.form(m[0], /revoke$/)).find((f) => f.fields.id === String(id));

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url);
      base = `http://127.0.0.1:${t.running.ports.http}`;
      gov = await t.app.store.createList({ name: 'gov', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      await t.app.store.createList({ name: 'dev', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      await t.app.store.addMember({ listId: gov.id, address: 'owner@example.net', role: 'owner' }, new Date(), 'tok-owner');
      admin = await signedIn(t.app, base, 'root@example.org', { siteAdmin: true });
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('only a site admin signed in with a password reaches the page', async () => {
      const r = await new WebClient(base).get('/admin/site/tokens');
      assert.equal(r.status, 303);
      assert.match(r.headers.get('location') ?? '', /^\/admin\/sign-in\?next=/);
      const owner = await signedIn(t.app, base, 'owner@example.net');
      assert.equal((await owner.get('/admin/site/tokens')).status, 403);
      const csrf = WebClient.form((await owner.get('/admin/lists/gov/people')).text, /people\/add$/).fields._csrf!;
      assert.equal((await owner.post('/admin/site/tokens/create', { _csrf: csrf, name: 'sneaky' })).status, 403);
      const byLink = await signedIn(t.app, base, 'root@example.org', { method: 'link' });
      assert.equal((await byLink.get('/admin/site/tokens')).status, 303, 'a mailed-link session is not enough');
      assert.deepEqual(await t.app.store.listApiTokens(), []);
      const site = await admin.get('/admin/site');
      assert.match(site.text, /<a href="\/admin\/site\/tokens">Manage the API tokens \(0\)<\/a>/);
    });

    test('a token made on the page shows its secret once, works for its list only, and is listed without it', async () => {
      const made = await admin.submit('/admin/site/tokens', /tokens\/create$/, { name: 'deploy bot', list: 'gov@lists.example.org' });
      assert.equal(made.status, 200);
      assert.equal(made.headers.get('cache-control'), 'no-store');
      assert.match(made.text, /The token deploy bot is made\./);
      const secrets = [...new Set(made.text.match(SECRET))];
      assert.equal(secrets.length, 1, 'the answer shows the new secret');
      const secret = secrets[0]!;
      assert.match(made.text, new RegExp(`<label for="new-token">The new token</label><br/?><input id="new-token" type="text" readonly="" value="${secret}"`));
      const [record] = await t.app.store.listApiTokens();
      assert.equal(record?.name, 'deploy bot');
      assert.equal(record?.listId, gov.id);

      const listed = await admin.get('/admin/site/tokens');
      assert.doesNotMatch(listed.text, SECRET, 'the secret is never shown again');
      assert.ok(!listed.text.includes(record.tokenHash), 'nor its digest');
      assert.match(listed.text, /<th scope="row">deploy bot<\/th><td>gov@lists\.example\.org<\/td><td>\d{4}-\d\d-\d\d \d\d:\d\d<\/td><td>never<\/td>/);

      const lists = (await (await api(secret)).json()) as { lists: Array<{ address: string }> };
      assert.deepEqual(lists.lists.map((l) => l.address), ['gov@lists.example.org'], 'the token acts on its list only');
      assert.equal((await api(secret, '/lists/dev')).status, 404);
      const used = await admin.get('/admin/site/tokens');
      assert.match(used.text, /<th scope="row">deploy bot<\/th><td>gov@lists\.example\.org<\/td><td>[^<]+<\/td><td>\d{4}-\d\d-\d\d \d\d:\d\d<\/td>/, 'last used is shown');

      const whole = await admin.submit('/admin/site/tokens', /tokens\/create$/, { name: 'ops' });
      const opsSecret = whole.text.match(SECRET)![0];
      assert.notEqual(opsSecret, secret);
      assert.equal(((await (await api(opsSecret)).json()) as { lists: unknown[] }).lists.length, 2, 'a site token sees every list');
      assert.match((await admin.get('/admin/site/tokens')).text, /<th scope="row">ops<\/th><td>whole site<\/td>/);
    });

    test('a nameless token or an unknown list is refused and nothing is made', async () => {
      const before = (await t.app.store.listApiTokens()).length;
      const nameless = await admin.submit('/admin/site/tokens', /tokens\/create$/, { name: '   ' });
      assert.equal(nameless.status, 400);
      assert.match(nameless.text, /role="alert">A token needs a name of 1 to 100 characters\./);
      const unknown = await admin.submit('/admin/site/tokens', /tokens\/create$/, { name: 'lost', list: 'nowhere@lists.example.org' });
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /value="lost"/, 'the name typed is offered again');
      assert.doesNotMatch(nameless.text + unknown.text, SECRET);
      assert.equal((await t.app.store.listApiTokens()).length, before);
    });

    test('forms without their CSRF token are refused and change nothing', async () => {
      const before = await t.app.store.listApiTokens();
      const create = await admin.post('/admin/site/tokens/create', { name: 'forged' });
      assert.equal(create.status, 403);
      assert.doesNotMatch(create.text, SECRET);
      const revoke = await admin.post('/admin/site/tokens/revoke', { id: String(before[0]!.id) });
      assert.equal(revoke.status, 403);
      assert.deepEqual((await t.app.store.listApiTokens()).map((x) => x.id), before.map((x) => x.id));
    });

    test('revoking shuts the token out of the API at once', async () => {
      const made = await admin.submit('/admin/site/tokens', /tokens\/create$/, { name: 'short-lived' });
      const secret = made.text.match(SECRET)![0];
      assert.equal((await api(secret)).status, 200);
      const record = (await t.app.store.listApiTokens()).find((x) => x.name === 'short-lived')!;
      const form = revokeForm((await admin.get('/admin/site/tokens')).text, record.id);
      assert.ok(form, 'each token has its revoke button');
      assert.match((await admin.get('/admin/site/tokens')).text, /aria-label="Revoke the token short-lived"/);
      const done = await admin.post(form.action, form.fields);
      assert.equal(done.status, 200);
      assert.match(done.text, /The token short-lived is revoked/);
      assert.doesNotMatch(done.text, /<th scope="row">short-lived<\/th>/);
      assert.equal((await api(secret)).status, 401);
      const again = await admin.post(form.action, form.fields);
      assert.equal(again.status, 404);
      assert.match(again.text, /There is no such token/);
    });
  });
}
