// Administration over HTTP against the real app: password sign-in (argon2id, rate limits, set by
// an emailed or CLI-printed link), who may open which list's pages, and the moderation queue:
// held posts shown safely, single and bulk decisions, accepting and banning senders, and
// subscription requests.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { runCli } from '../../../test/harness/cli.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { WebClient } from '../fixtures/http-client.ts';
import { linkIn } from '../account/account.test.ts';
import { until } from '../../../test/harness/until.ts';

export async function passwordSignIn(base: string, address: string, password: string): Promise<{ w: WebClient; status: number }> {
  const w = new WebClient(base);
  const r = await w.submit('/admin/sign-in', /\/admin\/sign-in/, { address, password });
  return { w, status: r.status };
}

for (const kind of dbKinds) {
  describe(`administration on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let gov: MailingList;
    let other: MailingList;
    let owner: WebClient;
    const post = (from: string, subject: string, extra: { attachments?: Array<{ filename: string; content: string }> } = {}) =>
      nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true }).sendMail({ from, to: gov.address, subject, text: 'Body line one.\n<b>not markup</b>\n', ...extra });
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url, { confirmMailsPerHour: 50 });
      base = `http://127.0.0.1:${t.running.ports.http}`;
      const s = t.app.store;
      gov = await s.createList({ name: 'gov', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      other = await s.createList({ name: 'other', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      await s.addMember({ listId: gov.id, address: 'member@example.net' }, new Date(), 'tok-member');
      await s.addMember({ listId: gov.id, address: 'owner@example.net', role: 'owner' }, new Date(), 'tok-owner');
      await s.addMember({ listId: other.id, address: 'mod@example.net', role: 'moderator' }, new Date(), 'tok-mod');
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('admin pages need a password session; a site admin is made by the CLI and sets a password once', async () => {
      const anon = await new WebClient(base).get('/admin/');
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/admin/sign-in?next=%2Fadmin%2F');
      const cli = await runCli(t.app, ['admins', 'create', 'root@example.org']);
      assert.ok(cli.ok, cli.err);
      const path = new URL(cli.out.match(/https?:\/\/\S+/)![0]).pathname;
      const w = new WebClient(base);
      const short = await w.submit(path, /^$/, { password: 'short', repeat: 'short' });
      assert.equal(short.status, 400);
      assert.match(short.text, /at least 10 characters/);
      const mismatch = await w.submit(path, /^$/, { password: 'long enough one', repeat: 'long enough two' });
      assert.match(mismatch.text, /The two passwords differ/);
      const ok = await w.submit(path, /^$/, { password: 'root password here', repeat: 'root password here' });
      assert.equal(ok.status, 200);
      assert.match(ok.text, /Signed in as root@example\.org/);
      assert.match(ok.text, /Site administration/);
      assert.match(ok.text, /other@lists\.example\.org/, 'a site admin sees every list');
      assert.equal((await new WebClient(base).get(path)).status, 404, 'the link worked once');
      assert.match((await runCli(t.app, ['admins', 'list'])).out, /root@example\.org\tsite-admin\tpassword set/);
    });

    test('wrong passwords fail alike for unknown addresses, and are rate-limited per address', async () => {
      const a = await passwordSignIn(base, 'root@example.org', 'wrong password');
      const b = await passwordSignIn(base, 'nobody@example.org', 'wrong password');
      assert.equal(a.status, 400);
      assert.equal(b.status, 400);
      let status = 0;
      for (let i = 0; i < 12 && status !== 429; i++) status = (await passwordSignIn(base, 'nobody@example.org', `guess ${i}`)).status;
      assert.equal(status, 429);
    });

    test('an owner sets a password through the emailed link and runs only their own list', async () => {
      const w = new WebClient(base);
      const since = sink.transactions.length;
      const said = await w.submit('/admin/reset', /\/admin\/reset$/, { address: 'owner@example.net' });
      assert.match(said.text, /If owner@example\.net helps run a list here/);
      await w.submit('/admin/reset', /\/admin\/reset$/, { address: 'member@example.net' });
      const link = await linkIn(sink, 'owner@example.net', '/admin/password', since);
      await w.submit(link, /^$/, { password: 'owner password ok', repeat: 'owner password ok' });
      assert.equal(sink.transactions.slice(since).filter((x) => x.recipients.includes('member@example.net')).length, 0, 'members get no password link');
      owner = (await passwordSignIn(base, 'owner@example.net', 'owner password ok')).w;
      assert.equal((await owner.get('/admin/lists/gov/held')).status, 200);
      assert.equal((await owner.get('/admin/lists/other/held')).status, 403);
      assert.equal((await owner.get('/admin/lists/nothing/held')).status, 404);
    });

    test('a held post is shown as text, with its rules and attachments, and approving-and-accepting delivers it', async () => {
      await post('Stranger <stranger@elsewhere.example>', 'Hello <script>alert(1)</script>', { attachments: [{ filename: 'notes.txt', content: 'abc' }] });
      const held = await until('held', async () => { const h = await t.app.store.listHeld(gov.id); return h.length > 0 && h; });
      const page = await owner.get(`/admin/lists/gov/held/${held[0]!.id}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /<script>alert/);
      assert.match(page.text, /Hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(page.text, /&lt;b&gt;not markup&lt;\/b&gt;/);
      assert.match(page.text, /notes\.txt \(text\/plain, 3 bytes\)/);
      assert.match(page.text, /not a member|non-member/i);
      const before = sink.transactions.length;
      const r = await owner.submit(`/admin/lists/gov/held/${held[0]!.id}`, /held\/\d+$/, { action: 'accept' });
      assert.match(r.text, /Approve and stop moderating the sender: done for 1 post/);
      assert.deepEqual((await t.app.store.getList(gov.id))?.settings.acceptNonmembers, ['stranger@elsewhere.example']);
      await until('delivery', async () => sink.transactions.slice(before).some((x) => x.recipients.includes('member@example.net') && /Hello/.test(x.raw.toString())));
      await post('stranger@elsewhere.example', 'Second post');
      await until('second delivered unmoderated', async () => sink.transactions.some((x) => /Second post/.test(x.raw.toString())));
    });

    test('bulk decisions, banning, and a decided post cannot be decided again', async () => {
      await post('spam1@bad.example', 'Spam one');
      await post('spam2@bad.example', 'Spam two');
      const held = await until('two held', async () => { const h = await t.app.store.listHeld(gov.id); return h.length >= 2 && h; });
      const queue = await owner.get('/admin/lists/gov/held');
      assert.match(queue.text, /Held posts \(2\)/);
      const r = await owner.submit('/admin/lists/gov/held', /\/held$/, { ids: held.map((m) => String(m.id)), action: 'discard' });
      assert.match(r.text, /Discard: done for 2 posts/);
      assert.equal((await t.app.store.listHeld(gov.id)).length, 0);
      const csrf = WebClient.form((await owner.get('/admin/')).text, /sign-out$/).fields._csrf!;
      const again = await owner.post('/admin/lists/gov/held', { _csrf: csrf, ids: String(held[0]!.id), action: 'approve' });
      assert.match(again.text, /is not held/);
      await post('troll@bad.example', 'Troll');
      const [h] = await until('held troll', async () => { const x = await t.app.store.listHeld(gov.id); return x.length > 0 && x; });
      await owner.submit('/admin/lists/gov/held', /\/held$/, { ids: String(h!.id), action: 'ban' });
      assert.deepEqual((await t.app.store.getList(gov.id))?.settings.bannedAddresses, ['troll@bad.example']);
      assert.equal((await t.app.store.getMessage(h!.id))?.state, 'discarded');
    });

    test('a waiting subscription is approved or refused from the queue page', async () => {
      const s = t.app.store;
      const exp = new Date(Date.now() + 86_400_000);
      await s.createPending({ token: 'a'.repeat(40), listId: gov.id, kind: 'approve_subscription', address: 'wants@example.org', data: { displayName: 'Wanda', deliveryMode: 'regular' }, createdAt: new Date(), expiresAt: exp });
      await s.createPending({ token: 'b'.repeat(40), listId: gov.id, kind: 'approve_subscription', address: 'nope@example.org', data: {}, createdAt: new Date(), expiresAt: exp });
      const page = await owner.get('/admin/lists/gov/held');
      assert.match(page.text, /Subscription requests \(2\)/);
      assert.match(page.text, /Wanda &lt;wants@example\.org&gt;/);
      const forms = [...page.text.matchAll(/<form[^>]*action="[^"]*\/requests"[\s\S]*?<\/form>/g)].map((m) => WebClient.form(m[0], /requests$/));
      const f = (token: string) => forms.find((x) => x.fields.token === token)!;
      assert.match((await owner.post(f('a'.repeat(40)).action, { ...f('a'.repeat(40)).fields, action: 'approve' })).text, /wants@example\.org is now a member/);
      assert.match((await owner.post(f('b'.repeat(40)).action, { ...f('b'.repeat(40)).fields, action: 'refuse', reason: 'not now' })).text, /was refused/);
      assert.ok(await s.getMember(gov.id, 'wants@example.org'));
      assert.equal(await s.getMember(gov.id, 'nope@example.org'), null);
    });

    test('a member signed in by link has no administration powers; a moderator moderates only their list', async () => {
      const s = t.app.store;
      const { openSession } = await import('../../auth/index.ts');
      const linkOwner = await openSession(t.app.pipeline, 'owner@example.net', 'link');
      const byLink = new WebClient(base);
      byLink.cookies.set('caucus_session', linkOwner.cookie);
      assert.equal((await byLink.get('/admin/lists/gov/held')).status, 303, 'an emailed link never opens moderation');
      assert.equal((await byLink.get('/account/')).status, 200);
      const since = sink.transactions.length;
      const w = new WebClient(base);
      await w.submit('/admin/reset', /reset$/, { address: 'mod@example.net' });
      await w.submit(await linkIn(sink, 'mod@example.net', '/admin/password', since), /^$/, { password: 'moderator secret', repeat: 'moderator secret' });
      assert.equal((await w.get('/admin/lists/other/held')).status, 200);
      assert.equal((await w.get('/admin/lists/gov/held')).status, 403);
      assert.ok(await s.getAccount('mod@example.net'));
    });
  });
}
