// Bounce processing end to end over real SMTP with a fake clock: a member's address bounces on five
// days (DSNs mailed back to the VERP address) and is disabled, warned and removed; another re-enables
// through the signed link on the web; the list's own spam trouble disables nobody; a 5xx at
// delivery is scored without counting twice with the DSN of the same day.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transporter } from 'nodemailer';
import PostalMime from 'postal-mime';
import { startSmtpSink, type SmtpSink, type SinkTransaction } from '../harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../harness/app.ts';
import { runCli } from '../harness/cli.ts';
import { dsn } from '../harness/dsn.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import type { MailingList } from '../../src/domain/list.ts';
import { until } from '../harness/until.ts';
import { noJobRunning, runMaintenance } from '../harness/fake-clock-jobs.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const USER_UNKNOWN = { status: '5.1.1', diagnostic: '550 5.1.1 <x>: Recipient address rejected: User unknown in local recipient table' };

for (const kind of dbKinds) {
  describe(`bounce processing over SMTP on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let smtp: Transporter;
    let clock = T0;
    let list: MailingList;

    before(async () => {
      sink = await startSmtpSink({ rcpt: (r) => (r.startsWith('refused@') ? { code: 550, text: '5.1.1 <refused@example.com>: Recipient address rejected: User unknown' } : 250) });
      t = await startTestApp(kind, sink.url, { baseUrl: 'https://lists.example.org' }, { now: () => new Date(clock) });
      const s = t.app.store;
      list = await s.createList({ name: 'governance', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date(clock) });
      for (const a of ['alice@example.net', 'bob@example.org', 'carol@example.com', 'spammed@example.com']) {
        await s.addMember({ listId: list.id, address: a }, new Date(clock), `tok-${a}`);
      }
      await s.addMember({ listId: list.id, address: 'owner@example.org', role: 'owner' }, new Date(clock), 'tok-owner');
      smtp = nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true, logger: false } as Parameters<typeof nodemailer.createTransport>[0]);
    });
    after(async () => {
      smtp.close();
      await t.close();
      await sink.close();
    });

    const mailTo = (who: string, purpose?: RegExp) => sink.transactions.filter((x) => x.recipients.includes(who) && (!purpose || purpose.test(x.raw.toString())));

    async function postAndCollect(subject: string): Promise<Map<string, SinkTransaction>> {
      const n = sink.transactions.length;
      await smtp.sendMail({ from: 'Alice <alice@example.net>', to: list.address, subject, text: 'Agenda attached.\n' });
      const expected = (await t.app.store.regularRecipients(list.id)).filter((r) => !r.address.startsWith('refused@')).length;
      await until(`${expected} copies of ${subject}`, async () => sink.transactions.slice(n).filter((x) => x.raw.includes(subject)).length >= expected);
      return new Map(sink.transactions.slice(n).filter((x) => x.raw.includes(subject)).map((x) => [x.recipients[0]!, x]));
    }

    async function bounceBack(copy: SinkTransaction, status = USER_UNKNOWN): Promise<void> {
      const to = copy.from; // the VERP sender the copy went out with
      const before = await t.app.store.listBounceEvents(list.id, 1000);
      await smtp.sendMail({ envelope: { from: '', to: [to] }, raw: dsn({ to, recipients: [{ address: copy.recipients[0]!, ...status }] }) });
      await until('bounce processed', async () => (await t.app.store.listBounceEvents(list.id, 1000)).length > before.length);
    }

    async function advance(to: number): Promise<void> {
      await noJobRunning(t);
      clock = to;
    }

    const maintenance = () => runMaintenance(t, new Date(clock));

    const score = async (address: string) => {
      const m = await t.app.store.getMember(list.id, address);
      return m ? ((await t.app.store.getBounceInfo(m.id))?.score ?? 0) : null;
    };

    test('five bounces on five days disable bob and carol; the spam-blocked member stays', async () => {
      for (let day = 0; day < 5; day++) {
        await advance(T0 + day * DAY);
        const copies = await postAndCollect(`Meeting ${day}`);
        const bob = copies.get('bob@example.org')!;
        assert.equal(bob.from, 'governance-bounces+bob=example.org@lists.example.org');
        await bounceBack(bob);
        await bounceBack(copies.get('carol@example.com')!);
        await bounceBack(copies.get('spammed@example.com')!, { status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam by Content Filtering' });
        if (day === 0) {
          await bounceBack(bob); // a second bounce the same day
          assert.equal(await score('bob@example.org'), 1, 'once a day');
        }
      }
      for (const who of ['bob@example.org', 'carol@example.com']) {
        const m = await t.app.store.getMember(list.id, who);
        assert.equal(m?.deliveryEnabled, false, who);
        assert.equal(m?.disabledReason, 'bounces');
      }
      assert.equal((await t.app.store.getMember(list.id, 'spammed@example.com'))?.deliveryEnabled, true);
      assert.equal(await score('spammed@example.com'), 0);
      const notice = await until('disabled notice', async () => mailTo('bob@example.org', /has been disabled/)[0]);
      assert.match(notice.from, /^governance-bounces@/);
      await until('owner notice', async () => mailTo('owner@example.org', /bob@example\.org disabled/)[0]);
      const listing = await runCli(t.app, ['bounces', 'list', 'governance']);
      assert.match(listing.out, /bob@example\.org\tscore 5\/5\tlast bounce 2026-03-06\tdisabled 2026-03-06, notices 1\/3/);
      await advance(T0 + 5 * DAY);
      const copies = await postAndCollect('After disabling');
      assert.ok(!copies.has('bob@example.org') && !copies.has('carol@example.com'), 'disabled members get no posts');
      assert.ok(copies.has('spammed@example.com'));
    });

    test('carol re-enables through the signed link: GET asks, POST acts', async () => {
      const notice = mailTo('carol@example.com', /has been disabled/)[0]!;
      const text = (await PostalMime.parse(notice.raw)).text ?? '';
      const url = text.match(/https:\/\/lists\.example\.org(\/reenable\/\S+)/)![1]!;
      const web = `http://127.0.0.1:${t.running.ports.http}`;
      const get = await fetch(web + url);
      assert.equal(get.status, 200);
      assert.equal((await t.app.store.getMember(list.id, 'carol@example.com'))?.deliveryEnabled, false, 'a GET changes nothing');
      const cookie = get.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const csrf = (await get.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
      const forged = await fetch(web + url.replace(/.$/, (c) => (c === '0' ? '1' : '0')), { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` });
      assert.equal(forged.status, 404);
      const post = await fetch(web + url, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` });
      assert.equal(post.status, 200);
      const carol = await t.app.store.getMember(list.id, 'carol@example.com');
      assert.equal(carol?.deliveryEnabled, true);
      assert.equal(await t.app.store.getBounceInfo(carol!.id), null, 'a clean record');
    });

    test('bob is reminded every seven days and removed after the last reminder', async () => {
      const disabledAt = T0 + 4 * DAY;
      const seen = () => mailTo('bob@example.org', /Reminder: your membership/).length;
      for (const [days, reminders] of [[6, 0], [7, 1], [13, 1], [14, 2], [20, 2]] as const) {
        await advance(disabledAt + days * DAY);
        await maintenance();
        await until(`${reminders} reminder(s) at +${days} days`, async () => seen() === reminders);
      }
      assert.ok(await t.app.store.getMember(list.id, 'bob@example.org'), 'still a member before the end');
      assert.equal(mailTo('carol@example.com', /Reminder/).length, 0, 'carol re-enabled: no reminders');
      await advance(disabledAt + 21 * DAY);
      await maintenance();
      assert.equal(await t.app.store.getMember(list.id, 'bob@example.org'), null, 'removed');
      await until('removal notice', async () => mailTo('bob@example.org', /You have been removed/)[0]);
      await until('owner removal notice', async () => mailTo('owner@example.org', /bob@example\.org removed/)[0]);
      assert.equal(seen(), 2);
    });

    test('a 5xx at delivery is scored once, and the DSN of the same day adds nothing', async () => {
      await advance(T0 + 40 * DAY);
      await t.app.store.addMember({ listId: list.id, address: 'refused@example.com' }, new Date(clock), 'tok-refused');
      await postAndCollect('Refusal check');
      await until('refusal recorded', async () => (await t.app.store.listDeliveryFailures(list.id, 10)).find((f) => f.recipient === 'refused@example.com'));
      await maintenance();
      assert.equal(await score('refused@example.com'), 1);
      const copy = { from: 'governance-bounces+refused=example.com@lists.example.org', recipients: ['refused@example.com'] } as SinkTransaction;
      await bounceBack(copy);
      assert.equal(await score('refused@example.com'), 1, 'the same event, counted once that day');
      const events = (await t.app.store.listBounceEvents(list.id, 3)).map((e) => `${e.source}:${e.outcome}`);
      assert.deepEqual(events.slice(0, 2), ['mail:same-day', 'smtp:scored hard (score 1)']);
    });
  });
}
