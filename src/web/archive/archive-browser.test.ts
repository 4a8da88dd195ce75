// The archive in a real browser (Debian's chromium, headless, driven by playwright-core) with
// JavaScript turned off: on a phone no archive page scrolls sideways, even with a 300-character
// word, a deep reply and a long quote; a folded quote opens from its summary; the reader view's
// links are found by their names. Screenshots go to test-output/screenshots/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../test/harness/app.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import { asctime, importArchive, readMbox } from '../../archive/index.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '..', '..', '..', 'test-output', 'screenshots');
const needsChromium = existsSync(CHROMIUM) || process.env.CI ? {} : { skip: `chromium is not installed at ${CHROMIUM}: apt-get install -y chromium` };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const NOW = new Date('2026-01-01T00:00:00Z');
function mbox(): string {
  const post = (k: number, body: string, parent?: number) => {
    const d = new Date(Date.UTC(2023, 4, 2, k));
    return `From p${k}@example.org ${asctime(d)}\nFrom: Poster ${k} <p${k}@example.org>\nSubject: ${parent === undefined ? '' : 'Re: '}Layout on phones\n`
      + `Date: ${d.toUTCString()}\nMessage-ID: <l${k}@x>\n${parent === undefined ? '' : `In-Reply-To: <l${parent}@x>\n`}\n${body}\n\n`;
  };
  const wide = `A path: C:\\${'very_long_directory_name\\'.repeat(12)}file.txt and https://example.org/${'x'.repeat(200)}\n    indented    code();`;
  const quote = Array.from({ length: 30 }, (_, i) => `> > > quoted line ${i} ${'wide '.repeat(20)}`).join('\n');
  const parts = [post(0, `${wide}\n\n-- \nPoster 0`)];
  for (let k = 1; k < 8; k++) parts.push(post(k, k === 7 ? `On Tue, Poster 6 wrote:\n${quote}\n\nMy reply at depth seven.` : `Reply ${k}: ${wide}`, k - 1));
  return parts.join('');
}
async function* chunks(text: string) { yield Buffer.from(text); }

describe('the archive in a browser without JavaScript', needsChromium, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let phone: BrowserContext;
  before(async () => {
    t = await startTestApp('sqlite', `maildir:${mkdtempSync(join(tmpdir(), 'caucus-out-'))}`);
    base = `http://127.0.0.1:${t.running.ports.http}`;
    const list = await t.app.store.createList({ name: 'layout', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: NOW });
    await importArchive(t.app.store, list, readMbox(chunks(mbox())), { now: () => NOW });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    phone = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, javaScriptEnabled: false });
    phone.setDefaultTimeout(15_000);
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      await t?.close();
    }
  });

  test('no page scrolls sideways on a phone', async () => {
    const page = await phone.newPage();
    const pages = ['/archives/', '/archives/layout/', '/archives/layout/2023-05/thread', '/archives/layout/n/0', '/archives/layout/n/7',
      '/archives/layout/t/0', '/archives/layout/t/0?view=reader', '/archives/layout/search?q=reply', '/pipermail/layout/2023-May/000007.html'];
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `${path}: ${overflow}px too wide`);
    }
    await page.goto(`${base}/archives/layout/t/0`);
    await page.screenshot({ path: join(SHOTS, 'archive-thread-phone.png'), fullPage: true });
    await page.close();
  });

  test('a long quote is folded and opens from its summary; the body keeps its spaces', async () => {
    const page = await phone.newPage();
    await page.goto(`${base}/archives/layout/n/7`);
    const quoted = page.getByText('quoted line 29', { exact: false });
    assert.equal(await quoted.isVisible(), false, 'folded at first');
    await page.getByText(/Quoted text, 30 lines/).click();
    assert.equal(await quoted.isVisible(), true, 'open after a click, without script');
    await page.getByText(/Quoted text, 30 lines/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'archive-quote-phone.png') });
    await page.goto(`${base}/archives/layout/n/0`);
    const code = await page.locator('.body .t').first().innerText();
    assert.match(code, /\n {4}indented {4}code\(\);/);
    await page.close();
  });

  test('the reader view names where each quote came from', async () => {
    const page = await phone.newPage();
    await page.goto(`${base}/archives/layout/t/0?view=reader`);
    await page.getByRole('heading', { level: 1, name: 'Thread: Layout on phones' }).waitFor();
    const link = page.getByRole('link', { name: /^Poster 6, 2023-05-02 06:00$/ });
    assert.equal(await link.count(), 1);
    await link.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'archive-reader-phone.png') });
    await page.getByRole('link', { name: 'Full messages' }).click();
    await page.getByText(/Quoted text, 30 lines/).waitFor();
    await page.close();
  });
});
