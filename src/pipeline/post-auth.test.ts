// The pipeline's authentication facts over a real store: results computed once and kept (an
// approval later reuses them), and the DMARC policy asked only when the list's mode depends on it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import type { AuthSummary, DmarcFact } from '../domain/authentication.ts';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { PostFacts } from '../domain/post.ts';
import type { MailAuth } from '../auth-mail/index.ts';
import type { PipelineDeps } from './deps.ts';
import { postAuthentication, postDmarcFact } from './post-auth.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const summary = (result: string): AuthSummary => ({
  authservId: 'lists.example.org', results: [`dmarc=${result}`], dkim: [], spf: null,
  dmarc: { result, policy: 'reject', domain: 'reject.example' }, arc: { result: 'none' },
});

function fakeAuth() {
  const calls = { authenticate: [] as Array<{ ip: string | null; envelopeFrom: string | null }>, dmarc: [] as string[] };
  let next = 'fail';
  const auth: MailAuth = {
    async authenticate(input) {
      calls.authenticate.push({ ip: input.client?.ip ?? null, envelopeFrom: input.envelopeFrom });
      return summary(next);
    },
    async dmarcPolicy(domain): Promise<DmarcFact> {
      calls.dmarc.push(domain);
      return { domain, orgDomain: domain, policy: 'reject', lookup: 'found', record: 'v=DMARC1; p=reject' };
    },
  };
  return { auth, calls, setNext: (r: string) => void (next = r) };
}

for (const f of storeFactories) {
  describe(`post authentication on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('checked once with the recorded SMTP client, then read back', async () => {
      const s = t.store;
      const list = await s.createList({ name: 'pa', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: T0 });
      const id = await s.saveIncoming({ raw: Buffer.from('From: rita@reject.example\r\n\r\nx\r\n'), envelopeFrom: 'rita@reject.example', listId: list.id, role: 'post', detail: null, receivedAt: T0 });
      await s.recordSmtpClient(id, { protocol: 'smtp', ip: '192.0.2.25', helo: 'mail.reject.example' });
      const msg = (await s.getMessage(id))!;
      const { auth, calls, setNext } = fakeAuth();
      const d = { store: s, mailAuth: auth } as unknown as PipelineDeps;
      assert.equal((await postAuthentication(d, msg, Buffer.from('x')))?.dmarc.result, 'fail');
      setNext('pass');
      assert.equal((await postAuthentication(d, msg, Buffer.from('x')))?.dmarc.result, 'fail', 'an approval sees the first results');
      assert.deepEqual(calls.authenticate, [{ ip: '192.0.2.25', envelopeFrom: 'rita@reject.example' }]);
      assert.equal(await postAuthentication({ store: s } as unknown as PipelineDeps, msg, Buffer.from('x')), null, 'not wired: not checked');
    });

    test('the DMARC policy is asked only for protected mitigation', async () => {
      const { auth, calls } = fakeAuth();
      const d = { store: t.store, mailAuth: auth } as unknown as PipelineDeps;
      const list = { id: 1, name: 'l', domain: 'lists.example.org', address: 'l@lists.example.org', settings: defaultListSettings(), createdAt: T0 };
      const facts = { from: { name: '', address: 'Rita@Reject.Example' } } as PostFacts;
      assert.equal((await postDmarcFact(d, list, facts))?.policy, 'reject');
      assert.deepEqual(calls.dmarc, ['reject.example']);
      for (const dmarcMitigation of ['off', 'always'] as const) assert.equal(await postDmarcFact(d, { ...list, settings: { ...list.settings, dmarcMitigation } }, facts), null);
      assert.equal(await postDmarcFact(d, list, { from: null } as PostFacts), null);
      assert.equal(calls.dmarc.length, 1);
    });
  });
}
