// The session pool on plain in-memory sessions: the size bound, reuse, replacement of broken
// sessions, failed opens, idle close, and a close that waits for work in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionPool, PoolClosedError } from './connection-pool.ts';
import type { PooledSession } from './connection-pool.ts';

class Session implements PooledSession {
  usable = true;
  closed = false;
  constructor(readonly id: number) {}
  close(): void {
    this.closed = true;
    this.usable = false;
  }
}

function pool(max: number, idleTimeoutMs = 0, failOpen = () => false) {
  const opened: Session[] = [];
  const p = new ConnectionPool<Session>({
    max,
    idleTimeoutMs,
    open: async () => {
      if (failOpen()) throw new Error('connect ECONNREFUSED');
      const s = new Session(opened.length + 1);
      opened.push(s);
      return s;
    },
  });
  return { p, opened };
}

const tick = () => new Promise((r) => setImmediate(r));

test('never more than max sessions; queued work reuses them', async () => {
  const { p, opened } = pool(2);
  let busy = 0;
  let peak = 0;
  const seen: Array<[number, boolean]> = [];
  await Promise.all(
    Array.from({ length: 6 }, () =>
      p.use(async (s, reused) => {
        peak = Math.max(peak, ++busy);
        seen.push([s.id, reused]);
        await tick();
        busy--;
      }),
    ),
  );
  assert.equal(opened.length, 2);
  assert.equal(peak, 2);
  assert.equal(seen.filter(([, reused]) => reused).length, 4);
  await p.close();
  assert.ok(opened.every((s) => s.closed));
});

test('a session that became unusable is closed and replaced', async () => {
  const { p, opened } = pool(1);
  await p.use(async (s) => {
    s.usable = false;
  });
  await p.use(async (s, reused) => {
    assert.equal(s.id, 2);
    assert.equal(reused, false);
  });
  assert.equal(opened[0]?.closed, true);
  await p.close();
});

test('a failed open rejects that use and frees its slot', async () => {
  let fail = true;
  const { p } = pool(1, 0, () => fail);
  await assert.rejects(p.use(async () => undefined), /ECONNREFUSED/);
  fail = false;
  assert.equal(await p.use(async (s) => s.id), 1);
  await p.close();
});

test('idle sessions are closed after the idle timeout', async () => {
  const { p, opened } = pool(1, 10);
  await p.use(async () => undefined);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(opened[0]?.closed, true);
  await p.use(async (s, reused) => assert.equal(reused, false));
  await p.close();
});

test('close waits for work in flight, refuses new work, and closes everything', async () => {
  const { p, opened } = pool(2);
  let release: () => void = () => undefined;
  const inFlight = p.use(() => new Promise<string>((r) => (release = () => r('done'))));
  await tick();
  let closed = false;
  const closing = p.close().then(() => (closed = true));
  await tick();
  assert.equal(closed, false);
  await assert.rejects(p.use(async () => undefined), PoolClosedError);
  release();
  assert.equal(await inFlight, 'done');
  await closing;
  assert.equal(closed, true);
  assert.ok(opened.every((s) => s.closed));
  await p.close();
});
