// A small browser driver for the browser tests: Debian's chromium, headless, spoken to over the
// DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4),
// so no WebSocket and no downloaded browser build are needed. It types, clicks, waits for pages
// and takes screenshots like a person with a browser would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

type Params = Record<string, unknown>;
interface Message { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string }

export class Browser {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: Params): void; reject(e: Error): void }>();
  private listeners: Array<(m: Message) => void> = [];
  private buffer = '';

  private constructor(private readonly proc: ChildProcess, private readonly profile: string) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined && this.pending.has(m.id)) {
          const p = this.pending.get(m.id)!;
          this.pending.delete(m.id);
          if (m.error) p.reject(new Error(m.error.message));
          else p.resolve(m.result ?? {});
        } else for (const l of [...this.listeners]) l(m);
      }
    });
  }

  static async launch(): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'chr-'));
    const proc = spawn(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true });
    const b = new Browser(proc, profile);
    await b.send('Target.getTargets');
    return b;
  }

  send(method: string, params: Params = {}, sessionId?: string): Promise<Params> {
    const id = this.nextId++;
    const w = this.proc.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Resolves with the next event of this name (and session) within `ms`. */
  waitFor(method: string, sessionId: string, ms = 15_000): Promise<Params> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.listeners = this.listeners.filter((l) => l !== listener); reject(new Error(`timed out waiting for ${method}`)); }, ms);
      const listener = (m: Message) => {
        if (m.method !== method || m.sessionId !== sessionId) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m.params ?? {});
      };
      this.listeners.push(listener);
    });
  }

  async newPage(viewport: { width: number; height: number; mobile?: boolean } = { width: 1100, height: 900 }): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, String(sessionId));
    await page.cmd('Page.enable');
    await page.cmd('Runtime.enable');
    await page.cmd('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: viewport.mobile ?? false });
    return page;
  }

  async close(): Promise<void> {
    const exited = this.proc.exitCode === null ? new Promise((r) => this.proc.once('exit', r)) : Promise.resolve();
    try { await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 2000))]); } catch { /* already gone */ }
    // Chromium's helpers (zygote, crashpad) live in its process group and may outlive it: end the
    // group we started, then remove the profile once nothing writes to it any more.
    try { process.kill(-this.proc.pid!, 'SIGKILL'); } catch { /* the group is gone */ }
    await exited;
    for (let i = 0; ; i++) {
      try {
        rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch (e) {
        if (i >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

export class Page {
  constructor(private readonly b: Browser, private readonly session: string) {}

  cmd(method: string, params: Params = {}): Promise<Params> {
    return this.b.send(method, params, this.session);
  }

  async goto(url: string): Promise<void> {
    const loaded = this.b.waitFor('Page.loadEventFired', this.session);
    await this.cmd('Page.navigate', { url });
    await loaded;
  }

  async eval<T>(expression: string): Promise<T> {
    const r = await this.cmd('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    const ex = r.exceptionDetails as { text?: string } | undefined;
    if (ex) throw new Error(`in page: ${ex.text ?? 'exception'} (${expression})`);
    return (r.result as { value: T }).value;
  }

  url(): Promise<string> { return this.eval<string>('location.href'); }
  text(): Promise<string> { return this.eval<string>('document.body.innerText'); }
  html(): Promise<string> { return this.eval<string>('document.documentElement.outerHTML'); }

  /** Clicks the middle of the element (scrolled into view), as a mouse would. */
  async click(selector: string): Promise<void> {
    const box = await this.eval<{ x: number; y: number } | null>(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null;
      e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`);
    if (!box) throw new Error(`no element ${selector}`);
    for (const type of ['mousePressed', 'mouseReleased']) await this.cmd('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  }

  /** Clicks something that submits a form or follows a link, and waits for the next page. */
  async clickAndWait(selector: string): Promise<void> {
    const loaded = this.b.waitFor('Page.loadEventFired', this.session);
    await this.click(selector);
    await loaded;
  }

  /** Focuses a field, selects what it holds and types `text` over it. */
  async fill(selector: string, text: string): Promise<void> {
    const ok = await this.eval<boolean>(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return false; e.focus(); if (e.select) e.select(); return true; })()`);
    if (!ok) throw new Error(`no field ${selector}`);
    await this.cmd('Input.insertText', { text });
  }

  async select(selector: string, value: string): Promise<void> {
    const ok = await this.eval<boolean>(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return false; e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('change', { bubbles: true })); return e.value === ${JSON.stringify(value)}; })()`);
    if (!ok) throw new Error(`cannot choose ${value} in ${selector}`);
  }

  async screenshot(path: string): Promise<void> {
    const { data } = await this.cmd('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(String(data), 'base64'));
  }
}
