// The public pages over HTTP against the real app and store: the list index and information page,
// joining and leaving through the forms (CSRF, rate limits, the same words for members and
// strangers), confirmation links that act only on POST, and RFC 8058 one-click.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { WebClient } from '../fixtures/http-client.ts';

const mailTo = async (sink: SmtpSink, to: string, n = 1) => {
  const end = Date.now() + 10_000;
  for (;;) {
    const found = sink.transactions.filter((t) => t.recipients.includes(to));
    if (found.length >= n) return found.map((t) => t.raw.toString('utf8').replace(/=\r?\n/g, ''));
    if (Date.now() > end) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const kind of dbKinds) {
  describe(`public list pages on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let list: MailingList;
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url);
      base = `http://127.0.0.1:${t.running.ports.http}`;
      const s = t.app.store;
      list = await s.createList({ name: 'governance', domain: 'lists.example.org', settings: { ...defaultListSettings(), description: 'Talk about <governance> & more' }, createdAt: new Date() });
      await s.createList({ name: 'hidden', domain: 'lists.example.org', settings: { ...defaultListSettings(), advertised: false }, createdAt: new Date() });
      await s.createList({ name: 'open', domain: 'lists.example.org', settings: { ...defaultListSettings(), rosterVisibility: 'public' }, createdAt: new Date() });
      await s.addMember({ listId: list.id, address: 'alice@example.net' }, new Date(), 'alice-token');
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('the index shows advertised lists only, escaped', async () => {
      const r = await new WebClient(base).get('/lists/');
      assert.equal(r.status, 200);
      assert.match(r.text, /^<!doctype html>/);
      assert.match(r.text, /governance@lists\.example\.org/);
      assert.match(r.text, /Talk about &lt;governance&gt; &amp; more/);
      assert.doesNotMatch(r.text, /hidden@/);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    });

    test('the info page answers by name and by address, with forms, labels and no member count unless public', async () => {
      const w = new WebClient(base);
      for (const p of ['/lists/governance', '/lists/governance@lists.example.org', '/lists/GOVERNANCE%40lists.example.org']) {
        const r = await w.get(p);
        assert.equal(r.status, 200, p);
        assert.match(r.text, /action="\/lists\/governance@lists\.example\.org\/subscribe"/);
        assert.match(r.text, /action="\/lists\/governance@lists\.example\.org\/unsubscribe"/);
        assert.match(r.text, /<label for="join-address">/);
        assert.match(r.text, /name="_csrf" value="[A-Za-z0-9_-]{43}"/);
        assert.doesNotMatch(r.text, /\d+ members?\b/, 'the roster is not public');
      }
      assert.match((await w.get('/lists/open')).text, /0 members/);
      assert.equal((await w.get('/lists/nothing')).status, 404);
      assert.equal((await w.get('/lists/hidden')).status, 200, 'unadvertised lists still have their page');
      const cookie = (await new WebClient(base).get('/lists/governance')).headers.getSetCookie().join('\n');
      assert.match(cookie, /caucus_csrf=[^;]+;.*HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
    });

    test('a form posted without its CSRF token (or with another visitor\'s) is refused and sends nothing', async () => {
      const w = new WebClient(base);
      await w.get('/lists/governance');
      const before = sink.transactions.length;
      const r = await w.post('/lists/governance/subscribe', { address: 'csrf@example.org' });
      assert.equal(r.status, 403);
      const other = new WebClient(base);
      const f = WebClient.form((await other.get('/lists/governance')).text, /\/subscribe$/);
      assert.equal((await w.post(f.action, { ...f.fields, address: 'csrf@example.org' })).status, 403);
      assert.equal(await t.app.store.listPending(list.id).then((p) => p.filter((x) => x.address === 'csrf@example.org').length), 0);
      assert.equal(sink.transactions.length, before);
    });

    test('joining by the form mails a confirmation; its page asks for a click and only the POST subscribes', async () => {
      const w = new WebClient(base);
      const r = await w.submit('/lists/governance', /\/subscribe$/, { address: 'newbie@example.org', name: 'New Bie', mode: 'mime_digest' });
      assert.equal(r.status, 200);
      assert.match(r.text, /If newbie@example\.org may join governance@lists\.example\.org, a confirmation request has been sent/);
      const [mail] = await mailTo(sink, 'newbie@example.org');
      const url = mail!.match(/https?:\/\/[^\s]+\/confirm\/([0-9a-f]+)/);
      assert.ok(url, 'the mail carries the confirmation link');
      const page = await w.get(`/confirm/${url[1]}`);
      assert.match(page.text, /Confirm that newbie@example\.org joins Governance\?/);
      assert.equal(await t.app.store.getMember(list.id, 'newbie@example.org'), null, 'GET changes nothing');
      const done = await w.submit(`/confirm/${url[1]}`, /^$/, {});
      assert.match(done.text, /newbie@example\.org is now a member/);
      const m = await t.app.store.getMember(list.id, 'newbie@example.org');
      assert.equal(m?.displayName, 'New Bie');
      assert.equal(m?.deliveryMode, 'mime_digest');
      assert.equal((await w.get(`/confirm/${url[1]}`)).status, 404, 'a used link is gone');
    });

    test('the answers never tell a member from a stranger', async () => {
      const w = new WebClient(base);
      const said = async (form: RegExp, address: string) => {
        const r = await w.submit('/lists/governance', form, { address });
        assert.equal(r.status, 200);
        return r.text.replaceAll(address, 'ADDRESS').replace(/name="_csrf" value="[^"]*"/g, '');
      };
      assert.equal(await said(/\/subscribe$/, 'alice@example.net'), await said(/\/subscribe$/, 'stranger1@example.org'));
      assert.equal(await said(/\/unsubscribe$/, 'alice@example.net'), await said(/\/unsubscribe$/, 'stranger2@example.org'));
      assert.ok(await t.app.store.getMember(list.id, 'alice@example.net'), 'asking to leave does not remove anyone');
    });

    test('a bad address is refused with a clear message', async () => {
      const r = await new WebClient(base).submit('/lists/governance', /\/subscribe$/, { address: 'not an address' });
      assert.equal(r.status, 400);
      assert.match(r.text, /is not an email address/);
    });

    test('one-click: GET asks, POST from a mail client (no cookie, no token) removes the member', async () => {
      const s = t.app.store;
      await s.addMember({ listId: list.id, address: 'leaver@example.org' }, new Date(), 'leaver-token');
      const page = await new WebClient(base).get('/u/leaver-token');
      assert.match(page.text, /Remove leaver@example\.org from governance@lists\.example\.org\?/);
      assert.ok(await s.getMember(list.id, 'leaver@example.org'));
      const r = await fetch(`${base}/u/leaver-token`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
      assert.equal(r.status, 200);
      assert.equal(await s.getMember(list.id, 'leaver@example.org'), null);
      assert.equal((await fetch(`${base}/u/leaver-token`, { method: 'POST' })).status, 404);
    });

    test('confirmations to one address are limited per address, and the answer does not change', async () => {
      const texts = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const r = await new WebClient(base).submit('/lists/governance', /\/subscribe$/, { address: 'flood@example.org' });
        texts.add(r.text.replace(/name="_csrf" value="[^"]*"/g, ''));
      }
      assert.equal(texts.size, 1, 'the fourth request reads like the first');
      await mailTo(sink, 'flood@example.org', 3);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(sink.transactions.filter((x) => x.recipients.includes('flood@example.org')).length, 3, 'confirmMailsPerHour (3) holds');
    });

    test('the mail-sending forms are rate-limited per client', async () => {
      const w = new WebClient(base);
      const html = (await w.get('/lists/open')).text;
      const f = WebClient.form(html, /\/unsubscribe$/);
      let status = 0;
      for (let i = 0; i < 31 && status !== 429; i++) status = (await w.post(f.action, { ...f.fields, address: `x${i}@example.org` })).status;
      assert.equal(status, 429);
      assert.match((await w.post(f.action, { ...f.fields, address: 'y@example.org' })).text, /Too many requests/);
    });
  });
}
