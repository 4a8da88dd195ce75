// The web in a real browser (Debian's chromium, headless): a person joins through the form,
// confirms from the mailed link and receives a post; leaves through the footer's one-click link;
// a moderator signs in and approves a held post, which is delivered; an owner changes the footer
// and the next post carries it; a member signs in by mailed link. Screenshots of the main pages
// go to test-output/screenshots/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { startTestApp, type TestApp } from '../harness/app.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import type { MailingList } from '../../src/domain/list.ts';
import { Browser, hasChromium, type Page } from './cdp.ts';

const SHOTS = resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');
// CI installs chromium (.ci/run), so there a missing browser fails; elsewhere it skips with the fix.
const needsChromium = hasChromium || process.env.CI ? {} : { skip: 'chromium is not installed: apt-get install -y chromium' };

async function until<T>(what: string, f: () => T | null | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The message as text with soft line breaks and folded headers undone, enough to find links in. */
const decoded = (raw: Buffer): string => raw.toString('utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=').replace(/\r?\n[ \t]+/g, ' ');

describe('the web in a browser', needsChromium, () => {
  let sink: SmtpSink;
  let t: TestApp;
  let base: string;
  let list: MailingList;
  let browser: Browser;
  let page: Page;
  const post = (from: string, subject: string) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true }).sendMail({ from, to: list.address, subject, text: `${subject}: the body.\n` });
  /** The path of the first link in the newest mail to `to` matching `path`, after `since` mails. */
  const mailedPath = async (to: string, path: string, since: number) => until(`${path} mail to ${to}`, () => {
    for (const x of sink.transactions.slice(since)) {
      const m = x.recipients.includes(to) && decoded(x.raw).match(new RegExp(`https?://[^/\\s]+(${path}/[0-9a-f]+)`));
      if (m) return m[1]!;
    }
    return null;
  });
  const copyOf = (to: string, subject: string) => until(`"${subject}" to ${to}`, () => sink.transactions.find((x) => x.recipients.includes(to) && decoded(x.raw).includes(subject)));

  before(async () => {
    sink = await startSmtpSink();
    t = await startTestApp('sqlite', sink.url, { confirmMailsPerHour: 50 });
    base = `http://127.0.0.1:${t.running.ports.http}`;
    const s = t.app.store;
    list = await s.createList({ name: 'gov', domain: 'lists.example.org', settings: { ...defaultListSettings(), displayName: 'Governance', description: 'Internet governance: policy, process and people.' }, createdAt: new Date() });
    await s.addMember({ listId: list.id, address: 'alice@example.net', displayName: 'Alice' }, new Date(), 'tok-alice');
    await s.addMember({ listId: list.id, address: 'owner@example.org', role: 'owner' }, new Date(), 'tok-owner');
    for (let i = 0; i < 60; i++) await s.addMember({ listId: list.id, address: `reader${i}@example.com` }, new Date(), `tok-r${i}`);
    browser = await Browser.launch();
    page = await browser.newPage();
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      await t?.close();
      await sink?.close();
    }
  });

  test('join through the form, confirm in the browser, receive a post', async () => {
    await page.goto(`${base}/lists/`);
    await page.screenshot(`${SHOTS}/lists-index.png`);
    await page.clickAndWait('a[href^="/lists/gov"]');
    assert.match(await page.text(), /Internet governance: policy, process and people\./);
    await page.screenshot(`${SHOTS}/list-info.png`);
    await page.fill('#join-address', 'joiner@example.org');
    await page.fill('#join-name', 'Jo Iner');
    const since = sink.transactions.length;
    await page.clickAndWait('form[action$="/subscribe"] button[type=submit]');
    assert.match(await page.text(), /a confirmation request has been sent to joiner@example\.org/);
    const confirm = await mailedPath('joiner@example.org', '/confirm', since);
    await page.goto(`${base}${confirm}`);
    assert.match(await page.text(), /Confirm that joiner@example\.org joins Governance\?/);
    await page.screenshot(`${SHOTS}/confirm.png`);
    assert.equal(await t.app.store.getMember(list.id, 'joiner@example.org'), null, 'opening the link alone changes nothing');
    await page.clickAndWait('main form button[type=submit]');
    assert.match(await page.text(), /joiner@example\.org is now a member/);
    await post('alice@example.net', 'First post for Jo');
    await copyOf('joiner@example.org', 'First post for Jo');
  });

  test('leave through the one-click link of a post', async () => {
    const copy = await copyOf('joiner@example.org', 'First post for Jo');
    const unsubscribe = decoded(copy.raw).match(/^List-Unsubscribe:[^\r\n]*<https?:\/\/[^/>]+(\/u\/[^>]+)>/im);
    assert.ok(unsubscribe, 'the post carries an https one-click link');
    await page.goto(`${base}${unsubscribe[1]}`);
    assert.match(await page.text(), /Remove joiner@example\.org from gov@lists\.example\.org\?/);
    await page.screenshot(`${SHOTS}/one-click.png`);
    await page.clickAndWait('main form button[type=submit]');
    assert.match(await page.text(), /joiner@example\.org has left gov@lists\.example\.org/);
    assert.equal(await t.app.store.getMember(list.id, 'joiner@example.org'), null);
  });

  test('a non-member post is held, a moderator signs in and approves it, and it is delivered', async () => {
    await post('stranger@elsewhere.example', 'A view from outside');
    const held = await (async () => { for (let i = 0; i < 300; i++) { const h = await t.app.store.listHeld(list.id); if (h.length) return h; await new Promise((r) => setTimeout(r, 25)); } throw new Error('not held'); })();
    assert.equal(held[0]?.subject, 'A view from outside');
    await page.goto(`${base}/admin/`);
    assert.match(await page.url(), /\/admin\/sign-in\?next=/);
    await page.screenshot(`${SHOTS}/admin-sign-in.png`);
    await page.clickAndWait('a[href="/admin/reset"]');
    await page.fill('#address', 'owner@example.org');
    const since = sink.transactions.length;
    await page.clickAndWait('main form button[type=submit]');
    await page.goto(`${base}${await mailedPath('owner@example.org', '/admin/password', since)}`);
    await page.fill('#password', 'a good long password');
    await page.fill('#repeat', 'a good long password');
    await page.clickAndWait('main form button[type=submit]');
    assert.match(await page.text(), /Signed in as owner@example\.org/);
    await page.screenshot(`${SHOTS}/admin-dashboard.png`);
    await page.clickAndWait('a[href$="/held"]');
    assert.match(await page.text(), /Held posts \(1\)/);
    await page.screenshot(`${SHOTS}/held-queue.png`);
    await page.clickAndWait(`a[href$="/held/${held[0]!.id}"]`);
    assert.match(await page.text(), /A view from outside: the body\./);
    await page.screenshot(`${SHOTS}/held-post.png`);
    await page.clickAndWait('button[value=approve]');
    assert.match(await page.text(), /Approve: done for 1 post/);
    await copyOf('alice@example.net', 'A view from outside');
  });

  test('the owner changes the footer and the next post carries it', async () => {
    await page.goto(`${base}/admin/lists/gov/settings`);
    await page.fill('#s-footerTemplate', 'Sent through {display_name}. Leave: {unsubscribe_url}');
    await page.clickAndWait('button[value=save]');
    assert.match(await page.text(), /The settings are saved/);
    await page.screenshot(`${SHOTS}/settings.png`);
    await post('alice@example.net', 'After the footer change');
    const copy = await copyOf('reader1@example.com', 'After the footer change');
    assert.match(decoded(copy.raw), /Sent through Governance\. Leave: https?:\/\/\S+\/u\/tok-r1/);
    await page.goto(`${base}/admin/lists/gov/members`);
    assert.match(await page.text(), /61 members/);
    await page.screenshot(`${SHOTS}/roster.png`);
  });

  test('a member signs in by mailed link and sees their options; the list page reads on a phone', async () => {
    const member = await browser.newPage();
    await member.goto(`${base}/account/sign-in`);
    await member.fill('#address', 'alice@example.net');
    const since = sink.transactions.length;
    await member.clickAndWait('main form button[type=submit]');
    await member.goto(`${base}${await mailedPath('alice@example.net', '/account/link', since)}`);
    await member.clickAndWait('main form button[type=submit]');
    assert.match(await member.text(), /Signed in as alice@example\.net/);
    await member.screenshot(`${SHOTS}/account.png`);
    const phone = await browser.newPage({ width: 390, height: 844, mobile: true });
    await phone.goto(`${base}/lists/gov`);
    const overflow = await phone.eval<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
    await phone.screenshot(`${SHOTS}/list-info-phone.png`);
  });
});
