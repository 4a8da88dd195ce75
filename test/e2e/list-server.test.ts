// The list server end to end over real SMTP and LMTP: a nodemailer client posts to our server, the
// list delivers to an in-process SMTP sink, on SQLite and (with DATABASE_URL) PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transporter } from 'nodemailer';
import PostalMime from 'postal-mime';
import { startSmtpSink, type SmtpSink, type SinkTransaction } from '../harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../harness/app.ts';
import { until } from '../harness/until.ts';

const LIST = 'governance@lists.example.org';

function post(port: number, lmtp = false): Transporter {
  return nodemailer.createTransport({ host: '127.0.0.1', port, lmtp, ignoreTLS: true, pool: !lmtp, maxConnections: 2, logger: false } as Parameters<typeof nodemailer.createTransport>[0]);
}

const copiesFor = (sink: SmtpSink, subject: RegExp) =>
  sink.transactions.filter((t) => subject.test(t.raw.toString('utf8').match(/^Subject: (.*)$/m)?.[1] ?? ''));

for (const kind of dbKinds) {
  describe(`list server on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let smtp: Transporter;

    before(async () => {
      sink = await startSmtpSink({ rcpt: (r) => (r.startsWith('deferred@') ? 450 : r.startsWith('gone@') ? 550 : 250) });
      t = await startTestApp(kind, sink.url, { baseUrl: 'https://lists.example.org' });
      const s = t.app.store;
      const list = await s.createList({ name: 'governance', domain: 'lists.example.org', settings: (await import('../../src/domain/list-settings.ts')).defaultListSettings(), createdAt: new Date() });
      for (const a of ['alice@example.net', 'bob@example.org', 'carol@example.com']) await s.addMember({ listId: list.id, address: a }, new Date(), `tok-${a}`);
      await s.addMember({ listId: list.id, address: 'owner@example.org', role: 'owner' }, new Date(), 'tok-owner');
      smtp = post(t.running.ports.smtp);
    });
    after(async () => {
      smtp.close();
      await t.close();
      await sink.close();
    });

    test('a member post reaches every member once, decorated', async () => {
      await smtp.sendMail({ from: 'Alice <alice@example.net>', to: LIST, subject: 'Action on Enhanced Cooperation, please', text: 'Dear all,\nA draft is enclosed.\n', messageId: '<draft-1@example.net>' });
      const copies = await until('3 copies', async () => { const c = copiesFor(sink, /Action on Enhanced/); return c.length >= 3 && c; });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(copiesFor(sink, /Action on Enhanced/).length, 3, 'exactly one copy each');
      assert.deepEqual(copies.flatMap((c) => c.recipients).sort(), ['alice@example.net', 'bob@example.org', 'carol@example.com']);
      for (const c of copies) {
        const rcpt = c.recipients[0]!;
        const [local, domain] = rcpt.split('@');
        assert.equal(c.from, `governance-bounces+${local}=${domain}@lists.example.org`, 'VERP sender');
        const m = await PostalMime.parse(c.raw);
        assert.equal(m.subject, '[governance] Action on Enhanced Cooperation, please');
        const h = (n: string) => m.headers.find((x) => x.key === n)?.value ?? '';
        assert.match(h('list-id'), /<governance\.lists\.example\.org>/);
        assert.match(h('list-post'), /<mailto:governance@lists\.example\.org>/);
        assert.match(h('list-unsubscribe'), /mailto:governance-leave@lists\.example\.org/);
        assert.match(h('list-unsubscribe'), new RegExp(`https://lists\\.example\\.org/u/${encodeURIComponent(`tok-${rcpt}`).replace(/[.]/g, '\\.')}`));
        assert.equal(h('list-unsubscribe-post').replace(/\s/g, '').toLowerCase(), 'list-unsubscribe=one-click');
        assert.equal(h('precedence'), 'list');
        assert.equal(h('x-beenthere'), LIST);
        assert.match(h('archived-at'), /https:\/\/lists\.example\.org\/archives\/governance\/m\/draft-1%40example\.net/);
        assert.match(m.text ?? '', /Dear all,\nA draft is enclosed\./);
        assert.match(m.text ?? '', /governance-leave@lists\.example\.org/);
        assert.match(m.text ?? '', new RegExp(`https://lists.example.org/u/`));
      }
    });

    test('a non-member post is held, the moderators get signed links, approval delivers it', async () => {
      await smtp.sendMail({ from: 'Stranger <stranger@elsewhere.example>', to: LIST, subject: 'Buy now', text: 'Not a member.\n' });
      const list = (await t.app.store.findListByAddress(LIST))!;
      const held = await until('held post', async () => { const h = await t.app.store.listHeld(list.id); return h.length > 0 && h; });
      assert.equal(held[0]!.subject, 'Buy now');
      assert.equal(held[0]!.hits[0]!.rule, 'nonmember-moderation');
      const notice = await until('moderator notice', async () => sink.transactions.find((x) => x.recipients.includes('owner@example.org') && /requires approval/.test(x.raw.toString())));
      assert.equal(copiesFor(sink, /Buy now/).filter((c) => !c.recipients.includes('owner@example.org')).length, 0, 'nothing delivered yet');
      const text = (await PostalMime.parse(notice.raw)).text ?? '';
      const approve = text.match(/approve\s+(https:\/\/lists\.example\.org(\S+))/);
      assert.ok(approve, 'approve link in the notice');
      const path = approve[2]!;
      const web = `http://127.0.0.1:${t.running.ports.http}`;
      const get = await fetch(web + path);
      assert.equal(get.status, 200, 'GET only asks');
      assert.equal((await t.app.store.listHeld(list.id)).length, 1, 'a GET decides nothing');
      // The page's form carries a CSRF token bound to a cookie: post it back as a browser would.
      const cookie = (get.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const csrf = (await get.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
      const form = { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` };
      assert.equal((await fetch(web + path, { method: 'POST' })).status, 403, 'no CSRF token');
      const forged = await fetch(web + path.replace(/sig=[^&]+/, 'sig=AAAA'), form);
      assert.equal(forged.status, 403, 'forged signature');
      const post1 = await fetch(web + path, form);
      assert.equal(post1.status, 200);
      await until('approved copies', async () => copiesFor(sink, /^\[governance\] Buy now/).length >= 3);
      assert.equal((await t.app.store.listHeld(list.id)).length, 0);
    });

    test('unknown addresses are refused at RCPT, and oversize posts with 552', async () => {
      await assert.rejects(smtp.sendMail({ from: 'x@elsewhere.example', to: 'nosuchlist@lists.example.org', subject: 'x', text: 'x' }), (e: Error & { responseCode?: number }) => e.responseCode === 550);
      await assert.rejects(smtp.sendMail({ from: 'x@elsewhere.example', to: 'governance@other.example', subject: 'relay?', text: 'x' }), (e: Error & { responseCode?: number }) => e.responseCode === 550, 'no relaying');
      const list = (await t.app.store.findListByAddress(LIST))!;
      await t.app.store.updateListSettings(list.id, { ...list.settings, maxMessageKb: 2 });
      await new Promise((r) => setTimeout(r, 2100)); // the router caches list settings for 2 s
      await assert.rejects(smtp.sendMail({ from: 'alice@example.net', to: LIST, subject: 'big', text: 'x'.repeat(5000) }), (e: Error & { responseCode?: number }) => e.responseCode === 552);
      await t.app.store.updateListSettings(list.id, { ...list.settings, maxMessageKb: 1024 });
    });

    test('LMTP answers per recipient', async () => {
      const lmtp = post(t.running.ports.lmtp, true);
      const info = await lmtp.sendMail({ envelope: { from: 'alice@example.net', to: [LIST, 'governance-owner@lists.example.org'] }, raw: 'From: alice@example.net\r\nTo: governance@lists.example.org\r\nSubject: via lmtp\r\n\r\nhello\r\n' });
      assert.deepEqual([...(info.accepted ?? [])].map(String).sort(), ['governance-owner@lists.example.org', LIST].sort());
      await until('lmtp post delivered', async () => copiesFor(sink, /via lmtp/).length >= 3 + 1);
      lmtp.close();
    });

    test('deferred recipients are retried later, refused ones recorded for bounce handling', async () => {
      const list = (await t.app.store.findListByAddress(LIST))!;
      await t.app.store.addMember({ listId: list.id, address: 'deferred@example.net' }, new Date(), 'tok-d');
      await t.app.store.addMember({ listId: list.id, address: 'gone@example.net' }, new Date(), 'tok-g');
      await smtp.sendMail({ from: 'alice@example.net', to: LIST, subject: 'Retry check', text: 'x\n' });
      await until('failure recorded', async () => (await t.app.store.listDeliveryFailures(list.id, 10)).find((f) => f.recipient === 'gone@example.net'));
      const retry = await until('retry job', async () => (await t.app.store.listJobs('pending', 50)).find((j) => j.queue === 'deliver' && j.payload.includes('deferred@example.net')));
      assert.ok(retry.runAt.getTime() > Date.now() + 30_000, 'retry is scheduled with backoff');
      const f = (await t.app.store.listDeliveryFailures(list.id, 10)).find((x) => x.recipient === 'gone@example.net')!;
      assert.equal(f.code, 550);
      assert.equal(f.permanent, true);
      const sent: SinkTransaction[] = copiesFor(sink, /Retry check/);
      assert.ok(!sent.some((c) => c.recipients.includes('gone@example.net') || c.recipients.includes('deferred@example.net')));
    });

    test('RFC 8058 one-click: POST removes the member at once, GET only asks', async () => {
      const list = (await t.app.store.findListByAddress(LIST))!;
      const web = `http://127.0.0.1:${t.running.ports.http}`;
      const get = await fetch(`${web}/u/${encodeURIComponent('tok-carol@example.com')}`);
      assert.equal(get.status, 200);
      assert.ok(await t.app.store.getMember(list.id, 'carol@example.com'));
      const r = await fetch(`${web}/u/${encodeURIComponent('tok-carol@example.com')}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.status, 200);
      assert.equal(await t.app.store.getMember(list.id, 'carol@example.com'), null);
      assert.equal((await fetch(`${web}/u/nonsense`, { method: 'POST' })).status, 404);
    });

    test('joining by email: -join sends a confirmation, replying to -confirm+TOKEN subscribes', async () => {
      const list = (await t.app.store.findListByAddress(LIST))!;
      await smtp.sendMail({ from: 'Newbie <newbie@example.org>', to: 'governance-join@lists.example.org', subject: 'join', text: 'please\n' });
      const confirm = await until('confirmation mail', async () => sink.transactions.find((x) => x.recipients.includes('newbie@example.org') && /confirm/i.test(x.raw.toString())));
      const m = await PostalMime.parse(confirm.raw);
      const replyTo = m.replyTo?.[0]?.address ?? '';
      assert.match(replyTo, /^governance-confirm\+[0-9a-f]{40}@lists\.example\.org$/);
      assert.equal(await t.app.store.getMember(list.id, 'newbie@example.org'), null, 'not a member before confirming');
      await smtp.sendMail({ from: 'newbie@example.org', to: replyTo, subject: `Re: ${m.subject}`, text: 'yes\n' });
      await until('membership', async () => t.app.store.getMember(list.id, 'newbie@example.org'));
      await until('welcome', async () => sink.transactions.find((x) => x.recipients.includes('newbie@example.org') && /Welcome/.test(x.raw.toString())));
      await smtp.sendMail({ from: 'newbie@example.org', to: 'governance-request@lists.example.org', subject: 'help', text: '' });
      await until('help reply', async () => sink.transactions.find((x) => x.recipients.includes('newbie@example.org') && /results of your email command/i.test(x.raw.toString())));
    });

    test('bulk mode: one copy in one transaction for all members, no per-member one-click header', async () => {
      const s = t.app.store;
      const bulk = await s.createList({ name: 'announce', domain: 'lists.example.org', createdAt: new Date(), settings: { ...(await s.findListByAddress(LIST))!.settings, deliveryMode: 'bulk' } });
      for (const a of ['p@example.net', 'q@example.org', 'r@example.com']) await s.addMember({ listId: bulk.id, address: a }, new Date(), `tok-bulk-${a}`);
      await smtp.sendMail({ from: 'p@example.net', to: 'announce@lists.example.org', subject: 'Bulk hello', text: 'to all\n' });
      const tx = await until('bulk copy', async () => copiesFor(sink, /\[announce\] Bulk hello/)[0]);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(copiesFor(sink, /\[announce\] Bulk hello/).length, 1, 'one transaction');
      assert.deepEqual([...tx.recipients].sort(), ['p@example.net', 'q@example.org', 'r@example.com']);
      assert.equal(tx.from, 'announce-bounces@lists.example.org');
      const m = await PostalMime.parse(tx.raw);
      assert.equal(m.headers.find((h) => h.key === 'list-unsubscribe-post'), undefined);
      assert.match(m.headers.find((h) => h.key === 'list-unsubscribe')?.value ?? '', /mailto:announce-leave@lists\.example\.org/);
      assert.match(m.text ?? '', /announce-leave@lists\.example\.org/);
    });
  });
}
