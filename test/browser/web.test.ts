// The web in a real browser (Debian's chromium, headless, driven by playwright-core): a person joins
// through the form, confirms from the mailed link and receives a post; leaves through the footer's
// one-click link; a moderator signs in and approves a held post, which is delivered; an owner
// changes the footer and the next post carries it; a member signs in by mailed link; the list page
// reads on a phone. Fields and buttons are found by their labels and roles, as assistive technology
// finds them. Screenshots of the main pages go to test-output/screenshots/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { startTestApp, type TestApp } from '../harness/app.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import type { MailingList } from '../../src/domain/list.ts';
import { until as waitFor } from '../harness/until.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');
// CI installs chromium (.ci/run), so there a missing browser fails; elsewhere it skips with the fix.
const needsChromium = existsSync(CHROMIUM) || process.env.CI ? {} : { skip: `chromium is not installed at ${CHROMIUM}: apt-get install -y chromium` };
/** Debian's chromium runs as root in containers without a sandbox, and reaches for no network of its own. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const until = <T>(what: string, f: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms = 15000): Promise<T> => waitFor(what, f, ms);

/** The message as text with soft line breaks and folded headers undone, enough to find links in. */
const decoded = (raw: Buffer): string => raw.toString('utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=').replace(/\r?\n[ \t]+/g, ' ');

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Waits until the page shows this text (the answer to a click has arrived), then returns it. */
async function shows(page: Page, text: string | RegExp): Promise<string> {
  const found = page.getByText(text);
  await found.waitFor();
  return found.innerText();
}

/** Removes a profile directory; chromium's helpers may still be letting go of files in it. */
async function removeProfile(dir: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (e) {
      if (i >= 20) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('the web in a browser', needsChromium, () => {
  let sink: SmtpSink;
  let t: TestApp;
  let base: string;
  let list: MailingList;
  let profile: string;
  let context: BrowserContext;
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
    profile = mkdtempSync(join(tmpdir(), 'chr-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(15_000);
    browser = context.browser()!;
    page = context.pages()[0] ?? (await context.newPage());
  });
  after(async () => {
    try {
      // Closing the persistent context ends the browser and its helper processes.
      await context?.close();
      if (profile) await removeProfile(profile);
    } finally {
      await t?.close();
      await sink?.close();
    }
  });

  test('join through the form, confirm in the browser, receive a post', async () => {
    await page.goto(`${base}/lists/`);
    await shot(page, 'lists-index');
    await page.getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await shows(page, 'Internet governance: policy, process and people.');
    await shot(page, 'list-info');
    const join = page.getByRole('region', { name: 'Join the list' });
    await join.getByLabel('Your email address').fill('joiner@example.org');
    await join.getByLabel('Your name (optional)').fill('Jo Iner');
    await join.getByLabel('How to receive posts').selectOption({ label: 'Each post as it is sent' });
    const since = sink.transactions.length;
    await join.getByRole('button', { name: 'Subscribe' }).click();
    await shows(page, /a confirmation request has been sent to joiner@example\.org/);
    const confirm = await mailedPath('joiner@example.org', '/confirm', since);
    await page.goto(`${base}${confirm}`);
    await page.getByRole('heading', { name: 'Confirm that joiner@example.org joins Governance?' }).waitFor();
    await shot(page, 'confirm');
    assert.equal(await t.app.store.getMember(list.id, 'joiner@example.org'), null, 'opening the link alone changes nothing');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await shows(page, /joiner@example\.org is now a member/);
    assert.ok(await t.app.store.getMember(list.id, 'joiner@example.org'));
    await post('alice@example.net', 'First post for Jo');
    await copyOf('joiner@example.org', 'First post for Jo');
  });

  test('leave through the one-click link of a post', async () => {
    const copy = await copyOf('joiner@example.org', 'First post for Jo');
    const unsubscribe = decoded(copy.raw).match(/^List-Unsubscribe:[^\r\n]*<https?:\/\/[^/>]+(\/u\/[^>]+)>/im);
    assert.ok(unsubscribe, 'the post carries an https one-click link');
    await page.goto(`${base}${unsubscribe[1]}`);
    await shows(page, 'Remove joiner@example.org from gov@lists.example.org?');
    await shot(page, 'one-click');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await shows(page, /joiner@example\.org has left gov@lists\.example\.org/);
    assert.equal(await t.app.store.getMember(list.id, 'joiner@example.org'), null);
  });

  test('a non-member post is held, a moderator signs in and approves it, and it is delivered', async () => {
    await post('stranger@elsewhere.example', 'A view from outside');
    const held = await (async () => { for (let i = 0; i < 300; i++) { const h = await t.app.store.listHeld(list.id); if (h.length) return h; await new Promise((r) => setTimeout(r, 25)); } throw new Error('not held'); })();
    assert.equal(held[0]?.subject, 'A view from outside');
    await page.goto(`${base}/admin/`);
    assert.match(page.url(), /\/admin\/sign-in\?next=/);
    await page.getByRole('heading', { name: 'Sign in to administration' }).waitFor();
    await shot(page, 'admin-sign-in');
    await page.getByRole('link', { name: 'Mail me a link to set one' }).click();
    await page.getByLabel('Your email address').fill('owner@example.org');
    const since = sink.transactions.length;
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await shows(page, /a link to set its password has been mailed/);
    await page.goto(`${base}${await mailedPath('owner@example.org', '/admin/password', since)}`);
    await page.getByLabel('New password', { exact: true }).fill('a good long password');
    await page.getByLabel('The new password again').fill('a good long password');
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    await shows(page, 'Signed in as owner@example.org.');
    await shot(page, 'admin-dashboard');
    await page.getByRole('link', { name: 'gov@lists.example.org' }).click();
    await page.getByRole('heading', { name: 'Held posts (1)' }).waitFor();
    await shot(page, 'held-queue');
    await page.getByRole('link', { name: 'Show the whole post: A view from outside' }).click();
    await shows(page, 'A view from outside: the body.');
    await shot(page, 'held-post');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await shows(page, 'Approve: done for 1 post.');
    await copyOf('alice@example.net', 'A view from outside');
  });

  test('the owner changes the footer and the next post carries it', async () => {
    await page.goto(`${base}/admin/lists/gov/settings`);
    await page.getByLabel('Footer', { exact: true }).fill('Sent through {display_name}. Leave: {unsubscribe_url}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await shows(page, /The settings are saved/);
    await shot(page, 'settings');
    await post('alice@example.net', 'After the footer change');
    const copy = await copyOf('reader1@example.com', 'After the footer change');
    assert.match(decoded(copy.raw), /Sent through Governance\. Leave: https?:\/\/\S+\/u\/tok-r1/);
    await page.goto(`${base}/admin/lists/gov/members`);
    await shows(page, '61 members');
    await shot(page, 'roster');
  });

  test('a member signs in by mailed link and sees their options; the list page reads on a phone', async () => {
    // A browser of their own: no administrator's cookies.
    const own = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const member = await own.newPage();
      await member.goto(`${base}/account/sign-in`);
      await member.getByLabel('Your email address').fill('alice@example.net');
      const since = sink.transactions.length;
      await member.getByRole('button', { name: 'Mail me a sign-in link' }).click();
      await shows(member, /a sign-in link has been mailed/);
      await member.goto(`${base}${await mailedPath('alice@example.net', '/account/link', since)}`);
      await member.getByRole('button', { name: 'Sign in' }).click();
      await shows(member, /Signed in as alice@example\.net/);
      await member.getByRole('checkbox', { name: 'Hide me from the list of members' }).waitFor();
      await shot(member, 'account');
    } finally {
      await own.close();
    }
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const p = await phone.newPage();
      await p.goto(`${base}/lists/gov`);
      await p.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
      // A string, run in the page: the project's types know no DOM.
      const overflow = await p.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
      await shot(p, 'list-info-phone');
    } finally {
      await phone.close();
    }
  });
});
