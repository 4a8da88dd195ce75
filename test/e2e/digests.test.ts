// Digests end to end over real SMTP with a fake clock: digest members get no regular copies, then
// correctly numbered MIME and plain digests: forced by `caucus digests send`, on the daily schedule
// by maintenance, at once when the size threshold is passed, a new volume in a new month, and the
// numbers an operator resets. Nothing is sent when nothing was collected.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transporter } from 'nodemailer';
import PostalMime from 'postal-mime';
import { startSmtpSink, type SmtpSink, type SinkTransaction } from '../harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../harness/app.ts';
import { runCli } from '../harness/cli.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import type { MailingList } from '../../src/domain/list.ts';
import { walkMime, getValue } from '../../src/mime/index.ts';
import { until } from '../harness/until.ts';
import { noJobRunning, runMaintenance } from '../harness/fake-clock-jobs.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIME = 'mary@example.org';
const PLAIN = 'pete@example.com';

const subjectOf = (x: SinkTransaction) => x.raw.toString('utf8').match(/^Subject: (.*)$/m)?.[1] ?? '';

for (const kind of dbKinds) {
  describe(`digests over SMTP on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let smtp: Transporter;
    let clock = T0;
    let list: MailingList;

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url, { baseUrl: 'https://lists.example.org' }, { now: () => new Date(clock) });
      const s = t.app.store;
      list = await s.createList({ name: 'digestlist', domain: 'lists.example.org', settings: { ...defaultListSettings(), digestSchedule: 'daily', digestVolumeFrequency: 'monthly' }, createdAt: new Date(clock) });
      await s.addMember({ listId: list.id, address: 'alice@example.net' }, new Date(clock), 'tok-alice');
      await s.addMember({ listId: list.id, address: MIME, deliveryMode: 'mime_digest' }, new Date(clock), 'tok-mary');
      await s.addMember({ listId: list.id, address: PLAIN, deliveryMode: 'plain_digest' }, new Date(clock), 'tok-pete');
      smtp = nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true, logger: false } as Parameters<typeof nodemailer.createTransport>[0]);
    });
    after(async () => {
      smtp.close();
      await t.close();
      await sink.close();
    });

    const digestsTo = (who: string) => sink.transactions.filter((x) => x.recipients.includes(who) && / Digest, Vol /.test(subjectOf(x)));

    async function post(subject: string, extra: Partial<Parameters<Transporter['sendMail']>[0]> = {}): Promise<void> {
      await smtp.sendMail({ from: 'Alice <alice@example.net>', to: list.address, subject, text: `About ${subject}.\n`, messageId: `<${subject.replace(/\W+/g, '-')}@example.net>`, ...extra });
      await until(`regular copy of ${subject}`, async () => sink.transactions.some((x) => x.recipients.includes('alice@example.net') && subjectOf(x).includes(subject)));
    }

    async function nextDigests(n: number): Promise<{ mime: SinkTransaction; plain: SinkTransaction }> {
      await until(`digest ${n}`, async () => digestsTo(MIME).length >= n && digestsTo(PLAIN).length >= n);
      return { mime: digestsTo(MIME)[n - 1]!, plain: digestsTo(PLAIN)[n - 1]! };
    }

    async function advance(to: number): Promise<void> {
      await noJobRunning(t);
      clock = to;
    }

    const maintenance = () => runMaintenance(t, new Date(clock));

    test('forced digest: Vol 1, Issue 1 in both formats, each entry linked to the archive', async () => {
      await post('Budget draft', { attachments: [{ filename: 'budget.pdf', content: Buffer.alloc(3000, 1), contentType: 'application/pdf' }] });
      await post('Travel plans');
      assert.equal(sink.transactions.filter((x) => x.recipients.includes(MIME) || x.recipients.includes(PLAIN)).length, 0, 'digest members get no regular copies');
      const r = await runCli(t.app, ['digests', 'send', '--list', 'digestlist']);
      assert.ok(r.ok, r.err);
      assert.match(r.out, /Vol 1, Issue 1: 2 message\(s\) to 2 digest member\(s\)/);
      const { mime, plain } = await nextDigests(1);

      assert.equal(subjectOf(mime), 'Digestlist Digest, Vol 1, Issue 1');
      assert.equal(mime.from, 'digestlist-bounces+mary=example.org@lists.example.org', 'VERP, so digest bounces count');
      const parts = walkMime(mime.raw);
      assert.equal(parts[0]!.contentType.mediaType, 'multipart/mixed');
      assert.match(getValue(parts[0]!.headers, 'list-unsubscribe') ?? '', /https:\/\/lists\.example\.org\/u\/tok-mary/);
      const digest = parts.findIndex((p) => p.contentType.mediaType === 'multipart/digest');
      const messages = parts.filter((p) => p.parent === digest);
      assert.equal(messages.length, 2);
      assert.ok(messages.every((p) => p.contentType.mediaType === 'message/rfc822'));
      const toc = parts.find((p) => /Today's Topics/.test(getValue(p.headers, 'content-description') ?? ''))!;
      const tocText = mime.raw.subarray(toc.bodyStart, toc.end).toString();
      assert.match(tocText, /1\. Budget draft \(Alice\)\r\n\s+https:\/\/lists\.example\.org\/archives\/digestlist\/m\/Budget-draft%40example\.net/);
      assert.match(tocText, /2\. Travel plans \(Alice\)/);
      const inner = await PostalMime.parse(mime.raw.subarray(messages[0]!.bodyStart, messages[0]!.end));
      assert.equal(inner.subject, '[digestlist] Budget draft');
      assert.equal(inner.attachments[0]?.filename, 'budget.pdf', 'the MIME digest carries posts whole');

      assert.equal(subjectOf(plain), 'Digestlist Digest, Vol 1, Issue 1');
      const p = await PostalMime.parse(plain.raw);
      assert.equal(p.attachments.length, 0);
      const text = p.text ?? '';
      assert.match(text, /Today's Topics:\n\n {3}1\. Budget draft \(Alice\)/);
      assert.match(text, /\n-{70}\n\nMessage: 1\n/);
      assert.match(text, /Message: 2\nDate: .*\nFrom: Alice <alice@example\.net>\nSubject: Travel plans\n/);
      assert.match(text, /budget\.pdf \(application\/pdf, 3 KB\)/);
      assert.match(text, /Attachments, kept with the message in the archive: https:\/\/lists\.example\.org\/archives\/digestlist\/m\/Budget-draft%40example\.net/);
      assert.match(text, /End of Digestlist Digest, Vol 1, Issue 1\n\*+\n?$/);
      assert.match(plain.raw.toString(), /List-Unsubscribe: <mailto:digestlist-leave@lists\.example\.org>,\r\n <https:\/\/lists\.example\.org\/u\/tok-pete>/);
    });

    test('nothing collected: nothing sent', async () => {
      const r = await runCli(t.app, ['digests', 'send', '--list', 'digestlist']);
      assert.match(r.out, /nothing collected/);
      await maintenance();
      assert.equal(digestsTo(MIME).length, 1);
    });

    test('the daily schedule sends Issue 2 after midnight, not before', async () => {
      await post('Evening note');
      await advance(T0 + 14 * 3_600_000); // 23:00 the same day
      await maintenance();
      assert.equal(digestsTo(MIME).length, 1, 'not due before the day ends');
      await advance(T0 + DAY - 9 * 3_600_000 + 10 * 60_000); // 00:10 the next day
      await maintenance();
      const { mime, plain } = await nextDigests(2);
      assert.equal(subjectOf(mime), 'Digestlist Digest, Vol 1, Issue 2');
      assert.equal(subjectOf(plain), 'Digestlist Digest, Vol 1, Issue 2');
      assert.match((await PostalMime.parse(plain.raw)).text ?? '', /Evening note/);
    });

    test('passing the size threshold sends Issue 3 at once', async () => {
      await t.app.store.updateListSettings(list.id, { ...list.settings, digestSizeThresholdKb: 2 });
      await post('Short one');
      assert.equal(digestsTo(MIME).length, 2);
      await post('Long report', { text: 'All the details.\n'.repeat(150) });
      const { mime, plain } = await nextDigests(3);
      assert.equal(subjectOf(mime), 'Digestlist Digest, Vol 1, Issue 3');
      assert.match((await PostalMime.parse(plain.raw)).text ?? '', /1\. Short one \(Alice\)[\s\S]*2\. Long report \(Alice\)/);
      await t.app.store.updateListSettings(list.id, { ...list.settings, digestSizeThresholdKb: 30 });
    });

    test('a new month starts volume 2 at issue 1; an operator reset sets the numbers', async () => {
      await advance(new Date('2026-04-01T08:00:00Z').getTime());
      await post('April fools');
      await runCli(t.app, ['digests', 'send', '--list', 'digestlist']);
      assert.equal(subjectOf((await nextDigests(4)).mime), 'Digestlist Digest, Vol 2, Issue 1');
      const reset = await runCli(t.app, ['digests', 'reset', 'digestlist', '--volume', '7', '--issue', '40']);
      assert.match(reset.out, /next digest is Vol 7, Issue 40/);
      await post('After the reset');
      await runCli(t.app, ['digests', 'send']);
      const fifth = await nextDigests(5);
      assert.equal(subjectOf(fifth.mime), 'Digestlist Digest, Vol 7, Issue 40');
      assert.equal(subjectOf(fifth.plain), 'Digestlist Digest, Vol 7, Issue 40');
      const status = await runCli(t.app, ['digests', 'status', '--list', 'digestlist']);
      assert.match(status.out, /next Vol 7, Issue 41\tnothing collected/);
    });
  });
}
