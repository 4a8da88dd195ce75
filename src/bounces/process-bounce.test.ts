// Bounce processing over a real store (SQLite, and PostgreSQL with DATABASE_URL): VERP'd and parsed
// bounces scored once a day, disabling with notices, warnings and removal by maintenance, the
// list's own spam trouble never counted, SMTP refusals scored, probes, re-enabling.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PostalMime from 'postal-mime';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { dsn } from '../../test/harness/dsn.ts';
import { defaultListSettings, type ListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import type { Job } from '../store/types.ts';
import { NotifyPayload } from '../delivery/index.ts';
import type { BounceDeps } from './deps.ts';
import { processBounceMail } from './process-bounce.ts';
import { runBounceMaintenance } from './maintenance.ts';
import { reenableByToken, describeReenableToken } from './reenable.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const USER_UNKNOWN = { status: '5.1.1', diagnostic: '550 5.1.1 <x>: Recipient address rejected: User unknown in local recipient table' };
const SPAM = { status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam by Content Filtering' };

function notices(jobs: Job[]): NotifyPayload[] {
  return jobs.filter((j) => j.queue === 'notify').map((j) => NotifyPayload.parse(JSON.parse(j.payload)));
}
const rawOf = (n: NotifyPayload) => Buffer.from(n.raw, 'base64');
const textOf = (n: NotifyPayload) => rawOf(n).toString('utf8');
const bodyOf = async (n: NotifyPayload) => (await PostalMime.parse(rawOf(n))).text ?? '';

for (const f of storeFactories) {
  describe(`bounce processing on ${f.name}`, () => {
    let t: TestStore;
    let clock = T0;
    let seq = 0;
    let d: BounceDeps;
    let incoming = 0;

    before(async () => {
      t = await f.open();
      d = { store: t.store, site: { baseUrl: 'https://lists.example.org', hostname: 'lists.example.org', siteName: 'Caucus', adminAddress: 'postmaster@lists.example.org' }, now: () => clock, secret: 's3cret', token: () => `tok${++seq}` };
    });
    after(async () => { await t.close(); });

    async function newList(name: string, patch: Partial<ListSettings> = {}): Promise<MailingList> {
      const l = await t.store.createList({ name, domain: 'lists.example.org', settings: { ...defaultListSettings(), ...patch }, createdAt: T0 });
      await t.store.addMember({ listId: l.id, address: `owner@${name}.example`, role: 'owner' }, T0, `own-${name}`);
      return l;
    }

    async function bounce(list: MailingList, detail: string | null, rcpts: Array<{ address: string; status: string; diagnostic: string }>, action: 'failed' | 'delayed' = 'failed'): Promise<string> {
      const raw = Buffer.from(dsn({ to: `${list.name}-bounces@lists.example.org`, recipients: rcpts, action }));
      const id = await t.store.saveIncoming({ raw, envelopeFrom: null, listId: list.id, role: 'bounces', detail, receivedAt: clock });
      incoming = id;
      return processBounceMail(d, list, { id, detail }, raw);
    }

    async function newNotices(since: number): Promise<NotifyPayload[]> {
      return notices((await t.store.listJobs('pending', 1000)).filter((j) => j.id > since));
    }
    const lastJobId = async () => Math.max(0, ...(await t.store.listJobs('pending', 1)).map((j) => j.id));

    test('five hard bounces on five days disable; reminders follow; removal after the last', async () => {
      clock = T0;
      const list = await newList('gov');
      const m = await t.store.addMember({ listId: list.id, address: 'Bob@Example.com' }, T0, 'tok-bob');
      for (let day = 0; day < 5; day++) {
        clock = new Date(T0.getTime() + day * DAY);
        const summary = await bounce(list, 'Bob=Example.com', [{ address: 'Bob@Example.com', ...USER_UNKNOWN }]);
        assert.match(summary, new RegExp(`scored hard \\(score ${day + 1}\\)`));
        if (day < 4) assert.match(await bounce(list, 'Bob=Example.com', [{ address: 'bob@example.com', ...USER_UNKNOWN }]), /same-day/);
        assert.equal((await t.store.getMessage(incoming))?.state, 'processed');
      }
      const disabled = await t.store.getMemberById(m.id);
      assert.equal(disabled?.deliveryEnabled, false);
      assert.equal(disabled?.disabledReason, 'bounces');
      const first = notices(await t.store.listJobs('pending', 1000));
      const toMember = first.filter((n) => n.to.includes('Bob@Example.com'));
      assert.equal(toMember.length, 1);
      assert.equal(toMember[0]!.purpose, 'bounce-disabled');
      const body = await bodyOf(toMember[0]!);
      const link = body.match(/https:\/\/lists\.example\.org\/reenable\/(\d+-[0-9a-f]{32})/);
      assert.ok(link, 'the notice carries a re-enable link');
      assert.match(body, /2 more reminders/);
      const owner = first.find((n) => n.purpose === 'bounce-owner-disabled');
      assert.deepEqual(owner?.to, ['owner@gov.example']);
      assert.match(textOf(owner!), /message\/rfc822/, 'the bounce that disabled is attached');
      const info = await t.store.getBounceInfo(m.id);
      assert.equal(info?.warningsSent, 1);

      // Reminders at +7 and +14 days, removal at +21.
      const disabledDay = clock.getTime();
      const steps: Array<[number, string | null]> = [[3, null], [7, 'bounce-warning'], [10, null], [14, 'bounce-warning'], [20, null], [21, 'bounce-removed']];
      for (const [days, purpose] of steps) {
        clock = new Date(disabledDay + days * DAY);
        const before = await lastJobId();
        await runBounceMaintenance(d);
        const sent = (await newNotices(before)).filter((n) => n.to.includes('Bob@Example.com'));
        assert.deepEqual(sent.map((n) => n.purpose), purpose ? [purpose] : [], `day +${days}`);
      }
      assert.equal(await t.store.getMemberById(m.id), null, 'removed');
      assert.ok(notices(await t.store.listJobs('pending', 1000)).some((n) => n.purpose === 'bounce-owner-removed'));
      assert.equal(await describeReenableToken(t.store, d.secret, link[1]!), null, 'the link dies with the membership');
    });

    test('the list\'s own spam trouble and delay warnings never count; non-members are logged only', async () => {
      clock = T0;
      const list = await newList('spam');
      const m = await t.store.addMember({ listId: list.id, address: 'ann@example.net' }, T0, 'tok-ann');
      for (let day = 0; day < 8; day++) {
        clock = new Date(T0.getTime() + day * DAY);
        assert.match(await bounce(list, 'ann=example.net', [{ address: 'ann@example.net', ...SPAM }]), /not-the-members-fault/);
        assert.match(await bounce(list, 'ann=example.net', [{ address: 'ann@example.net', status: '4.4.1', diagnostic: 'connection timed out' }], 'delayed'), /not-a-failure/);
      }
      assert.equal((await t.store.getMemberById(m.id))?.deliveryEnabled, true);
      assert.equal(await t.store.getBounceInfo(m.id), null);
      const summary = await bounce(list, null, [{ address: 'ann@example.net', ...USER_UNKNOWN }, { address: 'stranger@example.org', ...USER_UNKNOWN }]);
      assert.match(summary, /ann@example\.net: scored hard \(score 1\)/);
      assert.match(summary, /stranger@example\.org: no-member/);
      const events = await t.store.listBounceEvents(list.id, 100);
      assert.equal(events.filter((e) => e.outcome === 'not-the-members-fault').length, 8);
      assert.ok(events.every((e) => e.outcome.startsWith('scored') ? e.weight === 1 : e.weight === 0));
    });

    test('soft bounces weigh half; stale scores start again', async () => {
      clock = T0;
      const list = await newList('soft');
      const m = await t.store.addMember({ listId: list.id, address: 'full@example.net' }, T0, 'tok-full');
      const full = { status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' };
      await bounce(list, 'full=example.net', [{ address: 'full@example.net', ...full }]);
      clock = new Date(T0.getTime() + DAY);
      await bounce(list, 'full=example.net', [{ address: 'full@example.net', ...full }]);
      assert.equal((await t.store.getBounceInfo(m.id))?.score, 1);
      clock = new Date(T0.getTime() + 9 * DAY);
      await runBounceMaintenance(d);
      assert.equal((await t.store.getBounceInfo(m.id))?.score, 0, 'maintenance lets a stale score lapse');
      assert.match(await bounce(list, 'full=example.net', [{ address: 'full@example.net', ...USER_UNKNOWN }]), /score 1\)/);
    });

    test('SMTP refusals are scored like bounces, once a day with the DSN; spam refusals are not', async () => {
      clock = T0;
      const list = await newList('smtp');
      const m = await t.store.addMember({ listId: list.id, address: 'gone@example.org' }, T0, 'tok-gone');
      await runBounceMaintenance(d); // take what other tests left
      await t.store.recordDeliveryFailures([
        { listId: list.id, postId: 1, recipient: 'gone@example.org', code: 550, enhanced: '5.1.1', response: '5.1.1 <gone@example.org>: User unknown', permanent: true, at: clock },
        { listId: list.id, postId: 2, recipient: 'gone@example.org', code: 554, enhanced: '5.7.1', response: '5.7.1 Service unavailable; client host blocked using Spamhaus', permanent: true, at: clock },
      ]);
      const r = await runBounceMaintenance(d);
      assert.equal(r.failuresScored, 2);
      assert.equal((await t.store.getBounceInfo(m.id))?.score, 1);
      assert.match(await bounce(list, 'gone=example.org', [{ address: 'gone@example.org', ...USER_UNKNOWN }]), /same-day/, 'the DSN for the same post adds nothing');
      const outcomes = (await t.store.listBounceEvents(list.id, 10)).map((e) => `${e.source}:${e.outcome}`);
      assert.deepEqual(outcomes.sort(), ['mail:same-day', 'smtp:not-the-members-fault', 'smtp:scored hard (score 1)']);
    });

    test('probes: the threshold sends a VERP\'d probe; only its bounce disables; silence clears the score', async () => {
      clock = T0;
      const list = await newList('probe', { bounceProbes: true, bounceScoreThreshold: 2 });
      const m = await t.store.addMember({ listId: list.id, address: 'pat@example.com' }, T0, 'tok-pat');
      const q = await t.store.addMember({ listId: list.id, address: 'quinn@example.com' }, T0, 'tok-quinn');
      const rex = await t.store.addMember({ listId: list.id, address: 'rex@example.com' }, T0, 'tok-rex');
      for (const who of [m, q, rex]) {
        for (let day = 0; day < 2; day++) {
          clock = new Date(T0.getTime() + day * DAY);
          await bounce(list, who.address.replace('@', '='), [{ address: who.address, ...USER_UNKNOWN }]);
        }
      }
      const probes = notices(await t.store.listJobs('pending', 1000)).filter((n) => n.purpose === 'bounce-probe');
      assert.equal(probes.length, 3);
      assert.equal((await t.store.getMemberById(m.id))?.deliveryEnabled, true, 'not disabled before the probe bounces');
      const pProbe = probes.find((n) => n.to[0] === 'pat@example.com')!;
      const detail = pProbe.envelopeFrom.match(/^probe-bounces\+(probe-[0-9a-f]{40})@lists\.example\.org$/)?.[1];
      assert.ok(detail, pProbe.envelopeFrom);
      clock = new Date(T0.getTime() + 2 * DAY);
      assert.match(await bounce(list, detail, [{ address: 'pat@example.com', ...USER_UNKNOWN }]), /probe-confirmed; disabled/);
      assert.equal((await t.store.getMemberById(m.id))?.disabledReason, 'bounces');
      // Rex's probe is refused at RCPT: the notify job records it, and maintenance confirms the probe.
      await runBounceMaintenance(d);
      await t.store.recordDeliveryFailures([{ listId: list.id, postId: 0, recipient: 'rex@example.com', code: 550, enhanced: '5.1.1', response: 'bounce-probe: 5.1.1 <rex@example.com>: User unknown', permanent: true, at: clock }]);
      await runBounceMaintenance(d);
      assert.equal((await t.store.getMemberById(rex.id))?.disabledReason, 'bounces');
      assert.ok((await t.store.listBounceEvents(list.id, 5)).some((e) => e.source === 'probe' && e.address === 'rex@example.com' && /probe-confirmed/.test(e.outcome)));
      // Quinn's probe never bounces: after the stale period the address counts as working.
      clock = new Date(T0.getTime() + 10 * DAY);
      await runBounceMaintenance(d);
      const qi = await t.store.getBounceInfo(q.id);
      assert.equal(qi?.score, 0);
      assert.equal(qi?.probeToken, null);
      assert.equal((await t.store.getMemberById(q.id))?.deliveryEnabled, true);
    });

    test('re-enabling: the member\'s signed link, or an owner (maintenance then forgets the record)', async () => {
      clock = T0;
      const list = await newList('back', { bounceScoreThreshold: 1 });
      const a = await t.store.addMember({ listId: list.id, address: 'a@example.com' }, T0, 'tok-a');
      const b = await t.store.addMember({ listId: list.id, address: 'b@example.com' }, T0, 'tok-b');
      await bounce(list, 'a=example.com', [{ address: 'a@example.com', ...USER_UNKNOWN }]);
      await bounce(list, 'b=example.com', [{ address: 'b@example.com', ...USER_UNKNOWN }]);
      const toA = notices(await t.store.listJobs('pending', 1000)).find((n) => n.to.includes('a@example.com'))!;
      const link = (await bodyOf(toA)).match(/\/reenable\/(\S+)/)![1]!;
      assert.equal(await reenableByToken(t.store, d.secret, link.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), null, 'a forged link does nothing');
      assert.deepEqual(await describeReenableToken(t.store, d.secret, link), { listAddress: list.address, address: 'a@example.com', deliveryEnabled: false });
      assert.deepEqual(await reenableByToken(t.store, d.secret, link), { listAddress: list.address, address: 'a@example.com', deliveryEnabled: true });
      assert.equal(await t.store.getBounceInfo(a.id), null);
      await t.store.updateMember(b.id, { deliveryEnabled: true, disabledReason: null });
      clock = new Date(T0.getTime() + 7 * DAY);
      const before = await lastJobId();
      await runBounceMaintenance(d);
      assert.equal(await t.store.getBounceInfo(b.id), null);
      assert.deepEqual((await newNotices(before)).filter((n) => n.to.includes('b@example.com')), [], 'no reminder after an owner re-enabled');
    });
    test('after an owner turns delivery back on, the next bounce starts a fresh score', async () => {
      clock = T0;
      const list = await newList('fresh', { bounceScoreThreshold: 2 });
      const m = await t.store.addMember({ listId: list.id, address: 'fresh@example.com' }, T0, 'tok-fresh');
      await bounce(list, 'fresh=example.com', [{ address: 'fresh@example.com', ...USER_UNKNOWN }]);
      clock = new Date(T0.getTime() + DAY);
      assert.match(await bounce(list, 'fresh=example.com', [{ address: 'fresh@example.com', ...USER_UNKNOWN }]), /disabled/);
      await t.store.updateMember(m.id, { deliveryEnabled: true, disabledReason: null });
      assert.match(await bounce(list, 'fresh=example.com', [{ address: 'fresh@example.com', ...USER_UNKNOWN }]), /fresh@example\.com: scored hard \(score 1\)$/);
      assert.equal((await t.store.getMemberById(m.id))?.deliveryEnabled, true);
    });
  });
}
