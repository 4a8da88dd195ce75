// The worker loop over a real store: success acks, a throw retries with backoff, a permanent error
// goes dead, and a job whose worker died is taken again once its lease runs out.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { startWorker, PermanentJobError, retryDelayMs } from './runner.ts';

for (const f of storeFactories) {
  describe(`job runner on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => t.close());

    test('ack, retry with backoff, dead on permanent errors', async () => {
      const s = t.store;
      let clock = new Date('2026-03-01T00:00:00Z');
      const now = () => clock;
      const [ok, flaky, broken] = await s.enqueue([
        { queue: 'notify', payload: { kind: 'ok' } },
        { queue: 'notify', payload: { kind: 'flaky' } },
        { queue: 'notify', payload: { kind: 'broken' } },
      ], clock);
      const seen: string[] = [];
      let flakyRuns = 0;
      const w = startWorker({
        store: s, now, pollMs: 10,
        handlers: {
          notify: async (job) => {
            const kind = (JSON.parse(job.payload) as { kind: string }).kind;
            seen.push(kind);
            if (kind === 'flaky' && flakyRuns++ === 0) throw new Error('try later');
            if (kind === 'broken') throw new PermanentJobError('cannot ever work');
          },
        },
      });
      await w.drain();
      assert.equal((await s.getJob(ok!))?.state, 'done');
      const fj = await s.getJob(flaky!);
      assert.equal(fj?.state, 'pending');
      assert.equal(fj?.runAt.getTime(), clock.getTime() + retryDelayMs(1));
      assert.match(fj?.lastError ?? '', /try later/);
      assert.equal((await s.getJob(broken!))?.state, 'dead');
      clock = new Date(clock.getTime() + retryDelayMs(1));
      await w.drain();
      await w.stop();
      assert.equal((await s.getJob(flaky!))?.state, 'done');
      assert.deepEqual(seen.sort(), ['broken', 'flaky', 'flaky', 'ok']);
    });

    test('a job claimed by a worker that died is run again after its lease', async () => {
      const s = t.store;
      const t0 = new Date('2026-03-02T00:00:00Z');
      const [id] = await s.enqueue({ queue: 'deliver', payload: { n: 1 } }, t0);
      const claimed = await s.claimJobs(['deliver'], 1, t0, 60_000); // this "worker" then crashes
      assert.equal(claimed[0]?.id, id);
      let runs = 0;
      let clock = new Date(t0.getTime() + 30_000);
      const w = startWorker({ store: s, now: () => clock, pollMs: 10, leaseMs: 60_000, handlers: { deliver: async () => { runs++; } } });
      await w.drain();
      assert.equal(runs, 0, 'still leased');
      clock = new Date(t0.getTime() + 61_000);
      await w.drain();
      await w.stop();
      assert.equal(runs, 1);
      const j = await s.getJob(id!);
      assert.equal(j?.state, 'done');
      assert.equal(j?.attempts, 2);
    });
  });
}
