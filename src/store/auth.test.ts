// The shared store suite for message_auth (migration 5): SQLite always, PostgreSQL
// with DATABASE_URL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import type { AuthSummary } from '../domain/authentication.ts';
import { defaultListSettings } from '../domain/list-settings.ts';

const T0 = new Date('2026-01-01T00:00:00Z');

const summary: AuthSummary = {
  authservId: 'lists.example.org',
  results: ['spf=fail smtp.mailfrom=a@reject.example', 'dmarc=fail (p=REJECT arc=none) header.from=reject.example'],
  dkim: [{ result: 'none', domain: 'reject.example', aligned: false }],
  spf: { result: 'fail', domain: 'reject.example' },
  dmarc: { result: 'fail', policy: 'reject', domain: 'reject.example' },
  arc: { result: 'none' },
};

for (const f of storeFactories) {
  describe(`store authentication on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('the SMTP client is kept with the incoming message, in the same transaction', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'auth', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: T0 });
      const id = await s.transaction(async (tx) => {
        const m = await tx.saveIncoming({ raw: Buffer.from('Subject: x\r\n\r\ny\r\n'), envelopeFrom: 'a@reject.example', listId: l.id, role: 'post', detail: null, receivedAt: T0 });
        await tx.recordSmtpClient(m, { protocol: 'smtp', ip: '192.0.2.25', helo: 'mail.reject.example' });
        return m;
      });
      assert.deepEqual(await s.getSmtpClient(id), { protocol: 'smtp', ip: '192.0.2.25', helo: 'mail.reject.example' });
      const other = await s.saveIncoming({ raw: Buffer.from('x'), envelopeFrom: null, listId: l.id, role: 'post', detail: null, receivedAt: T0 });
      assert.equal(await s.getSmtpClient(other), null, 'mail that came another way has none');
      await s.recordSmtpClient(other, { protocol: 'lmtp', ip: '::1', helo: null });
      assert.deepEqual(await s.getSmtpClient(other), { protocol: 'lmtp', ip: '::1', helo: null });
      assert.equal(await s.getSmtpClient(999_999), null);
    });

    test('results are saved and read back as they were; none before', async () => {
      const s = t.store;
      const l = await s.createList({ name: 'auth2', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: T0 });
      const id = await s.saveIncoming({ raw: Buffer.from('x'), envelopeFrom: null, listId: l.id, role: 'post', detail: null, receivedAt: T0 });
      assert.equal(await s.getAuthResults(id), null);
      await s.saveAuthResults(id, summary);
      assert.deepEqual(await s.getAuthResults(id), summary);
      assert.equal((await s.getMessage(id))?.state, 'received', 'the message row is otherwise untouched');
      await s.recordSmtpClient(id, { protocol: 'smtp', ip: '192.0.2.1', helo: 'h' });
      assert.deepEqual(await s.getAuthResults(id), summary, 'the client and the results live side by side');
      await s.deleteList(l.id);
      assert.equal(await s.getAuthResults(id), null, 'gone with the message');
    });
  });
}
