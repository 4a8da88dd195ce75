// The member pages over HTTP: sign-in by emailed link (no password, nothing revealed, the link
// acts only on POST), the options of every list on one page, leaving, and an address change
// confirmed at the new address.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import type { MailingList } from '../../domain/list.ts';
import { WebClient } from '../fixtures/http-client.ts';

export async function linkIn(sink: SmtpSink, to: string, path: string, since = 0): Promise<string> {
  const end = Date.now() + 10_000;
  for (;;) {
    for (const t of sink.transactions.slice(since).reverse()) {
      if (!t.recipients.includes(to)) continue;
      const m = t.raw.toString('utf8').replace(/=\r?\n/g, '').match(new RegExp(`https?://[^/\\s]+(${path}/[0-9a-f]+)`));
      if (m) return m[1]!;
    }
    if (Date.now() > end) throw new Error(`no ${path} mail to ${to}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Signs `address` in through the emailed link and returns the browser. */
export async function signInByLink(base: string, sink: SmtpSink, address: string): Promise<WebClient> {
  const w = new WebClient(base);
  const since = sink.transactions.length;
  await w.submit('/account/sign-in', /\/account\/sign-in$/, { address });
  const link = await linkIn(sink, address, '/account/link', since);
  const page = await w.get(link);
  assert.match(page.text, new RegExp(`Sign in as ${address.replace(/[.]/g, '\\.')}\\?`));
  const r = await w.submit(link, /^$/, {});
  assert.equal(r.status, 200);
  return w;
}

for (const kind of dbKinds) {
  describe(`member pages on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let gov: MailingList;
    let dev: MailingList;
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url, { confirmMailsPerHour: 50 });
      base = `http://127.0.0.1:${t.running.ports.http}`;
      const s = t.app.store;
      gov = await s.createList({ name: 'gov', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      dev = await s.createList({ name: 'dev', domain: 'lists.example.org', settings: { ...defaultListSettings(), sendGoodbye: false }, createdAt: new Date() });
      for (const l of [gov, dev]) await s.addMember({ listId: l.id, address: 'mia@example.net' }, new Date(), `mia-${l.id}`);
      await s.addMember({ listId: gov.id, address: 'other@example.net' }, new Date(), 'other-gov');
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('asking for a link says the same for members and strangers, and only members get mail', async () => {
      const w = new WebClient(base);
      const said = async (a: string) => (await w.submit('/account/sign-in', /sign-in$/, { address: a })).text.replaceAll(a, 'X').replace(/value="[^"]*"/g, '');
      const before = sink.transactions.length;
      assert.equal(await said('stranger@example.org'), await said('other@example.net'));
      await linkIn(sink, 'other@example.net', '/account/link');
      assert.equal(sink.transactions.filter((x) => x.recipients.includes('stranger@example.org')).length, 0);
      assert.ok(sink.transactions.length > before);
    });

    test('pages need a session; the link opens one; all lists are on one page; options save', async () => {
      assert.equal((await new WebClient(base).get('/account/')).status, 303);
      const w = await signInByLink(base, sink, 'mia@example.net');
      const cookie = w.cookies.get('caucus_session');
      assert.ok(cookie && cookie.length >= 80);
      const page = await w.get('/account/');
      assert.match(page.text, /Signed in as mia@example\.net/);
      assert.match(page.text, /gov@lists\.example\.org/);
      assert.match(page.text, /dev@lists\.example\.org/);
      const mia = (await t.app.store.getMember(gov.id, 'mia@example.net'))!;
      const saved = await w.submit('/account/', new RegExp(`/account/lists/${mia.id}$`), { mode: 'plain_digest', hide: 'on', delivery: [] });
      assert.match(saved.text, /Your options for Gov are saved/);
      const after = (await t.app.store.getMember(gov.id, 'mia@example.net'))!;
      assert.equal(after.deliveryMode, 'plain_digest');
      assert.equal(after.hideFromRoster, true);
      assert.equal(after.receiveOwnPosts, true, 'a box left checked stays on');
      const off = WebClient.form((await w.get('/account/')).text, new RegExp(`/account/lists/${mia.id}$`));
      delete off.fields.delivery;
      await w.post(off.action, off.fields);
      const disabled = (await t.app.store.getMember(gov.id, 'mia@example.net'))!;
      assert.equal(disabled.deliveryEnabled, false);
      assert.equal(disabled.disabledReason, 'turned off by the member');
    });

    test('nobody changes or ends another member\'s membership', async () => {
      const w = await signInByLink(base, sink, 'mia@example.net');
      const other = (await t.app.store.getMember(gov.id, 'other@example.net'))!;
      const csrf = WebClient.form((await w.get('/account/')).text, /sign-out$/).fields._csrf!;
      assert.equal((await w.post(`/account/lists/${other.id}`, { _csrf: csrf, mode: 'mime_digest' })).status, 403);
      assert.equal((await w.post(`/account/lists/${other.id}/leave`, { _csrf: csrf })).status, 403);
      assert.equal((await t.app.store.getMember(gov.id, 'other@example.net'))?.deliveryMode, 'regular');
    });

    test('leaving from the page, and signing out', async () => {
      const w = await signInByLink(base, sink, 'mia@example.net');
      const m = (await t.app.store.getMember(dev.id, 'mia@example.net'))!;
      const r = await w.submit('/account/', new RegExp(`/account/lists/${m.id}/leave$`), {});
      assert.match(r.text, /You have left Dev/);
      assert.equal(await t.app.store.getMember(dev.id, 'mia@example.net'), null);
      await w.submit('/account/', /sign-out$/, {});
      assert.equal((await w.get('/account/')).status, 303);
    });

    test('an address change waits for the new address, then moves the membership', async () => {
      const w = await signInByLink(base, sink, 'other@example.net');
      const r = await w.submit('/account/', /change-address$/, { address: 'other@new.example' });
      assert.match(r.text, /A confirmation link has been mailed to other@new\.example/);
      assert.ok(await t.app.store.getMember(gov.id, 'other@example.net'), 'nothing moved yet');
      const link = await linkIn(sink, 'other@new.example', '/account/change');
      const fresh = new WebClient(base);
      assert.match((await fresh.get(link)).text, /Move every list membership of other@example\.net to other@new\.example\?/);
      const done = await fresh.submit(link, /^$/, {});
      assert.match(done.text, /1 membership now uses other@new\.example/);
      assert.equal(await t.app.store.getMember(gov.id, 'other@example.net'), null);
      assert.ok(await t.app.store.getMember(gov.id, 'other@new.example'));
      assert.equal((await w.get('/account/')).status, 303, 'the old address\'s session ended');
    });
  });
}
