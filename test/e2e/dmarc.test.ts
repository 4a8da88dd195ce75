// DMARC mitigation, authentication results, DKIM signing and ARC sealing end to end over SMTP: posts
// go in through our SMTP server, copies come out at the test sink, and every DNS answer comes from an
// in-process zone — including the record `caucus dkim keygen` printed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import PostalMime from 'postal-mime';
import { pino } from 'pino';
import { authenticate } from 'mailauth';
import type { DNSResolver } from 'mailauth';
import { buildApp, type BuiltApp, type Running } from '../../src/main.ts';
import { ConfigSchema } from '../../src/config/schema.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import type { ListSettings } from '../../src/domain/list-settings.ts';
import { cachingResolver, recordFromZoneLine } from '../../src/auth-mail/index.ts';
import { TestZone } from '../../src/auth-mail/fixtures/zone.ts';
import { startSmtpSink, type SmtpSink, type SinkTransaction } from '../harness/smtp-sink.ts';
import { dbKinds } from '../harness/app.ts';
import { pgTestSchema } from '../harness/stores.ts';
import { runCli } from '../harness/cli.ts';
import { until as waitFor } from '../harness/until.ts';

const LIST = 'governance@lists.example.org';

const until = <T>(what: string, f: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms = 15000): Promise<T> => waitFor(what, f, ms);

const subjectOf = (t: SinkTransaction): string => t.raw.toString('utf8').match(/^Subject: (.*)$/m)?.[1] ?? '';

for (const kind of dbKinds) {
  describe(`DMARC and signing on ${kind}`, () => {
    const zone = new TestZone()
      .add('_dmarc.reject.example', 'TXT', 'v=DMARC1; p=reject')
      .add('reject.example', 'TXT', 'v=spf1 ip4:127.0.0.0/8 ip6:::1 -all')
      .add('_dmarc.strict.example', 'TXT', 'v=DMARC1; p=reject')
      .add('strict.example', 'TXT', 'v=spf1 ip4:192.0.2.0/24 -all');
    // The receiving side's resolver: a cache of its own over the same zone.
    const receiver = cachingResolver(zone.query, { now: () => 0 }) as unknown as DNSResolver;
    let sink: SmtpSink;
    let app: BuiltApp;
    let running: Running;
    let dataDir: string;
    let drop: (() => Promise<void>) | undefined;
    let smtp: Transporter;
    let listId: number;

    const setList = async (patch: Partial<ListSettings>) => {
      const l = (await app.store.getList(listId))!;
      await app.store.updateListSettings(listId, { ...l.settings, ...patch });
    };
    const copiesOf = (subject: RegExp) => sink.transactions.filter((t) => subject.test(subjectOf(t)));
    const verify = (c: SinkTransaction) => authenticate(c.raw, { resolver: receiver, ip: '127.0.0.1', helo: 'lists.example.org', sender: c.from, mta: 'mx.example.net', disableBimi: true });

    before(async () => {
      sink = await startSmtpSink();
      dataDir = mkdtempSync(join(tmpdir(), 'caucus-dmarc-'));
      const schema = kind === 'postgres' ? await pgTestSchema(process.env.DATABASE_URL as string) : null;
      drop = schema?.drop;
      const config = ConfigSchema.parse({
        dataDir, databaseUrl: schema?.url ?? '', smtpPort: 0, lmtpPort: 0, httpPort: 0, ephemeralPorts: true,
        outbound: sink.url, hostname: 'lists.example.org', baseUrl: 'https://lists.example.org', logLevel: 'silent',
      });
      app = await buildApp(config, pino({ level: 'silent' }), { dns: zone.query });
      running = await app.start();
      const list = await app.store.createList({ name: 'governance', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
      listId = list.id;
      for (const a of ['alice@example.net', 'bob@example.org', 'rita@reject.example', 'ceo@strict.example']) await app.store.addMember({ listId, address: a }, new Date(), `tok-${a}`);
      smtp = nodemailer.createTransport({ host: '127.0.0.1', port: running.ports.smtp, ignoreTLS: true, name: 'client.reject.example', logger: false } as Parameters<typeof nodemailer.createTransport>[0]);
    });
    after(async () => {
      smtp.close();
      await running.stop();
      await app.close();
      await drop?.();
      await sink.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('caucus dkim keygen writes a key and prints the record to publish', async () => {
      const r = await runCli(app, ['dkim', 'keygen', '--domain', 'lists.example.org', '--selector', 's1']);
      assert.ok(r.ok, r.err);
      const line = r.out.split('\n').find((l) => l.startsWith('s1._domainkey.lists.example.org. IN TXT'));
      assert.ok(line, r.out);
      const record = recordFromZoneLine(line);
      assert.match(record, /^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
      zone.add('s1._domainkey.lists.example.org', 'TXT', record);
      const again = await runCli(app, ['dkim', 'keygen', '--domain', 'lists.example.org', '--selector', 's1']);
      assert.equal(again.ok, false);
      assert.match(again.err, /already has a key with selector s1/);
      const shown = await runCli(app, ['dkim', 'show', '--domain', 'lists.example.org']);
      assert.equal(recordFromZoneLine(shown.out.split('\n').find((l) => l.includes('IN TXT')) ?? ''), record);
    });

    test('a post from a p=reject domain reaches members with a munged From, signed and sealed', async () => {
      await setList({ arcSeal: true });
      await smtp.sendMail({ from: 'Rita Cesário <rita@reject.example>', to: LIST, subject: 'Budget', text: 'The budget.\n', messageId: '<budget@reject.example>' });
      const copies = await until('4 copies', async () => { const c = copiesOf(/Budget/); return c.length >= 4 && c; });
      for (const c of copies) {
        const m = await PostalMime.parse(c.raw);
        assert.equal(m.from?.address, LIST);
        assert.equal(m.from?.name, 'Rita Cesário via Governance');
        assert.equal(m.replyTo?.[0]?.address, 'rita@reject.example', 'the original in Reply-To');
        assert.match(m.headers.find((h) => h.key === 'x-original-from')?.value ?? '', /rita@reject\.example/);
        const ar = m.headers.find((h) => h.key === 'authentication-results')?.value ?? '';
        assert.match(ar, /^lists\.example\.org;/);
        assert.match(ar, /spf=pass/);
        assert.match(ar, /dmarc=pass/);
        const v = await verify(c);
        const ours = v.dkim.results.find((x) => x.signingDomain === 'lists.example.org');
        assert.equal(ours?.status.result, 'pass', 'the DKIM signature verifies against the published key');
        assert.equal(v.arc && v.arc.status.result, 'pass', 'the ARC set verifies');
        assert.match(m.text ?? '', /The budget\./);
      }
      await setList({ arcSeal: false });
    });

    test('a post from a domain without a policy keeps its From, and is signed', async () => {
      await smtp.sendMail({ from: 'Alice <alice@example.net>', to: LIST, subject: 'Unprotected', text: 'Hello.\n' });
      const copies = await until('copies', async () => { const c = copiesOf(/Unprotected/); return c.length >= 3 && c; });
      const m = await PostalMime.parse(copies[0]!.raw);
      assert.equal(m.from?.address, 'alice@example.net');
      assert.equal((await verify(copies[0]!)).dkim.results.find((x) => x.signingDomain === 'lists.example.org')?.status.result, 'pass');
      assert.ok(!copies[0]!.raw.toString('latin1').includes('ARC-Seal'), 'no ARC set unless the list asks');
    });

    test('wrapped as message/rfc822 when the list says so', async () => {
      await setList({ dmarcMitigationAction: 'wrap' });
      await smtp.sendMail({ from: 'Rita <rita@reject.example>', to: LIST, subject: 'Wrapped budget', text: 'Inside.\n' });
      const copies = await until('wrapped copies', async () => { const c = copiesOf(/Wrapped budget/); return c.length >= 4 && c; });
      for (const c of copies) {
        const m = await PostalMime.parse(c.raw, { forceRfc822Attachments: true });
        assert.equal(m.from?.address, LIST);
        assert.equal(m.replyTo?.[0]?.address, 'rita@reject.example');
        const inner = m.attachments.find((a) => a.mimeType === 'message/rfc822');
        assert.ok(inner, 'a message/rfc822 part');
        const original = await PostalMime.parse(inner.content as ArrayBuffer);
        assert.equal(original.from?.address, 'rita@reject.example');
        assert.match(original.text ?? '', /Inside\./);
        assert.equal((await verify(c)).dkim.results.find((x) => x.signingDomain === 'lists.example.org')?.status.result, 'pass');
      }
      await setList({ dmarcMitigationAction: 'munge-from' });
    });

    test('a post failing DMARC under p=reject is held when the list asks', async () => {
      await setList({ dmarcRejectAction: 'hold' });
      await smtp.sendMail({ from: 'The CEO <ceo@strict.example>', to: LIST, subject: 'Wire the money', text: 'Urgent.\n' });
      const held = await until('held post', async () => (await app.store.listHeld(listId)).find((h) => h.subject === 'Wire the money'));
      assert.equal(held.hits[0]?.rule, 'dmarc-reject');
      assert.match(held.hits[0]?.reason ?? '', /fails DMARC for strict\.example/);
      assert.equal(copiesOf(/Wire the money/).filter((c) => !c.recipients.every((r) => r.startsWith('governance-owner'))).length, 0);
      await setList({ dmarcRejectAction: 'off' });
    });

    test('a second key waits until `caucus dkim use`, so its record can be published first', async () => {
      const r = await runCli(app, ['dkim', 'keygen', '--domain', 'lists.example.org', '--selector', 's2', '--algorithm', 'ed25519']);
      assert.ok(r.ok, r.err);
      assert.match(r.out, /Not in use yet: publish the record, then run: caucus dkim use s2 --domain lists\.example\.org/);
      assert.match(recordFromZoneLine(r.out.split('\n').find((l) => l.startsWith('s2._domainkey')) ?? ''), /^v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=$/);
      assert.match((await runCli(app, ['dkim', 'show', '--domain', 'lists.example.org'])).out, /key s1 signs/);
      assert.ok((await runCli(app, ['dkim', 'use', 's2', '--domain', 'lists.example.org'])).ok);
      assert.match((await runCli(app, ['dkim', 'show', '--domain', 'lists.example.org'])).out, /ed25519-sha256 key s2 signs/);
      assert.match((await runCli(app, ['dkim', 'use', 'nope', '--domain', 'lists.example.org'])).err, /has no key with selector nope/);
      assert.match((await runCli(app, ['dkim', 'keygen', '--domain', '../etc'])).err, /not a domain name/);
    });
  });
}
