// The REST API over HTTP against the real app: bearer tokens (site-wide and per list), every
// route, errors as {error: {code, message}}, and every response checked against the published
// OpenAPI document.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { runCli } from '../../../test/harness/cli.ts';
import { checkSchema } from './fixtures/json-schema.ts';

/** Reads a dotted path (`error.code`, `held.0.id`) out of a parsed JSON answer. */
const get = (v: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o === null || typeof o !== 'object' ? undefined : (o as Record<string, unknown>)[k]), v);
const addresses = (v: unknown): string[] => (v as Array<{ address: string }>).map((x) => x.address);

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }> }>> } & Record<string, unknown>;

for (const kind of dbKinds) {
  describe(`REST API on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let doc: Doc;
    let site: string;
    let scoped: string;

    /** Calls the API and checks the answer against the document's schema for that path, method and status. */
    async function call(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
      const r = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      const json: unknown = text ? JSON.parse(text) : null;
      const bare = path.split('?')[0]!;
      const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare) && doc.paths[p]![method.toLowerCase()]);
      if (template) {
        const resp = doc.paths[template]![method.toLowerCase()]!.responses[String(r.status)];
        assert.ok(resp, `${method} ${template} documents status ${r.status}`);
        const schema = resp.content?.['application/json'].schema;
        if (schema) assert.deepEqual(checkSchema(schema, json, doc), [], `${method} ${path} ${r.status} conforms to the document`);
        else assert.equal(text, '', 'no content');
      } else assert.deepEqual(checkSchema({ $ref: '#/components/schemas/Error' }, json, doc), []);
      return { status: r.status, json };
    }

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url);
      base = `http://127.0.0.1:${t.running.ports.http}`;
      doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Doc;
      await t.app.store.createList({ name: 'gov', domain: 'lists.example.org', settings: (await import('../../domain/list-settings.ts')).defaultListSettings(), createdAt: new Date() });
      site = (await runCli(t.app, ['tokens', 'create', '--name', 'ops'])).out.trim().split('\n').pop()!;
      scoped = (await runCli(t.app, ['tokens', 'create', '--name', 'gov bot', '--list', 'gov'])).out.trim().split('\n').pop()!;
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('the document is OpenAPI 3 with every route, and needs no token', () => {
      assert.match(String(doc.openapi), /^3\./);
      for (const p of ['/lists', '/lists/{list}', '/lists/{list}/settings', '/lists/{list}/members', '/lists/{list}/members/{address}', '/lists/{list}/held', '/lists/{list}/held/{id}', '/lists/{list}/requests', '/lists/{list}/requests/{token}']) {
        assert.ok(doc.paths[p], p);
      }
      assert.ok(doc.paths['/lists/{list}/settings']!.patch, 'settings can be changed');
    });

    test('without a valid token: 401 with a JSON error and WWW-Authenticate', async () => {
      const r = await fetch(`${base}/api/v1/lists`);
      assert.equal(r.status, 401);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal(get(await r.json(), 'error.code'), 'unauthorized');
      assert.equal((await call('caucus_0000', 'GET', '/lists')).status, 401);
      assert.equal((await call(null, 'GET', '/nothing')).status, 401);
      assert.equal(get((await call(site, 'GET', '/nothing')).json, 'error.code'), 'not_found');
    });

    test('lists: a site token creates and deletes; a list token sees only its own list', async () => {
      const made = await call(site, 'POST', '/lists', { address: 'dev@lists.example.org', owners: ['boss@example.org'], settings: { subjectPrefix: '[dev]' } });
      assert.equal(made.status, 201);
      assert.equal(get(made.json, 'address'), 'dev@lists.example.org');
      assert.equal(get((await call(site, 'POST', '/lists', { address: 'dev@lists.example.org' })).json, 'error.code'), 'conflict');
      assert.equal(get((await call(site, 'POST', '/lists', { address: 'not an address' })).json, 'error.code'), 'invalid');
      assert.equal((await call(scoped, 'POST', '/lists', { address: 'x@lists.example.org' })).status, 403);
      assert.deepEqual(addresses(get((await call(site, 'GET', '/lists')).json, 'lists')), ['dev@lists.example.org', 'gov@lists.example.org']);
      assert.deepEqual(addresses(get((await call(scoped, 'GET', '/lists')).json, 'lists')), ['gov@lists.example.org']);
      assert.equal((await call(scoped, 'GET', '/lists/dev')).status, 404, 'another list is invisible to a list token');
      const one = await call(scoped, 'GET', '/lists/gov');
      assert.equal(get(one.json, 'members'), 0);
      assert.equal(get((await call(site, 'GET', '/lists/dev/settings')).json, 'subjectPrefix'), '[dev]');
      assert.equal((await call(site, 'DELETE', '/lists/dev')).status, 204);
      assert.equal((await call(site, 'GET', '/lists/dev')).status, 404);
    });

    test('settings: changed through the same schema, refused with the field named', async () => {
      const ok = await call(scoped, 'PATCH', '/lists/gov/settings', { maxRecipients: 20, description: 'Governance talk' });
      assert.equal(ok.status, 200);
      assert.equal(get(ok.json, 'maxRecipients'), 20);
      const bad = await call(scoped, 'PATCH', '/lists/gov/settings', { maxRecipients: -1 });
      assert.equal(bad.status, 400);
      assert.match(String(get(bad.json, 'error.message')), /maxRecipients/);
      assert.equal((await call(scoped, 'PATCH', '/lists/gov/settings', { noSuchOption: 1 })).status, 400);
      assert.equal(get((await call(scoped, 'PATCH', '/lists/gov/settings', '{not json')).json, 'error.code'), 'invalid');
    });

    test('members: add, read, change, page, search, remove', async () => {
      for (const a of ['ann@example.org', 'bob@example.org', 'cat@example.org']) assert.equal((await call(scoped, 'POST', '/lists/gov/members', { address: a, displayName: a.slice(0, 3) })).status, 201);
      assert.equal((await call(scoped, 'POST', '/lists/gov/members', { address: 'ann@example.org' })).status, 409);
      assert.equal(get((await call(scoped, 'POST', '/lists/gov/members', { address: 'mod@example.org', role: 'moderator' })).json, 'role'), 'moderator');
      const page = await call(scoped, 'GET', '/lists/gov/members?limit=2&offset=1');
      assert.deepEqual(addresses(get(page.json, 'members')), ['bob@example.org', 'cat@example.org']);
      assert.equal(get(page.json, 'total'), 3);
      assert.equal(get((await call(scoped, 'GET', '/lists/gov/members?search=cat')).json, 'members.length'), 1);
      assert.equal((await call(scoped, 'GET', '/lists/gov/members?limit=0')).status, 400);
      const changed = await call(scoped, 'PATCH', '/lists/gov/members/bob@example.org', { moderationAction: 'hold', deliveryEnabled: false });
      assert.equal(get(changed.json, 'moderationAction'), 'hold');
      assert.equal(get(changed.json, 'disabledReason'), 'turned off by an owner');
      assert.equal(get((await call(scoped, 'GET', '/lists/gov/members/BOB@example.org')).json, 'moderationAction'), 'hold');
      assert.equal((await call(scoped, 'DELETE', '/lists/gov/members/cat@example.org')).status, 204);
      assert.equal((await call(scoped, 'GET', '/lists/gov/members/cat@example.org')).status, 404);
      assert.equal(get((await call(scoped, 'GET', '/lists/gov/members/mod@example.org?role=moderator')).json, 'role'), 'moderator');
    });

    test('held posts: listed, shown, decided', async () => {
      await nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true })
        .sendMail({ from: 'outsider@elsewhere.example', to: 'gov@lists.example.org', subject: 'From outside', text: 'Hello list.\n' });
      let held: unknown = { held: [] };
      const end = Date.now() + 10_000;
      while ((get(held, 'held') as unknown[]).length === 0 && Date.now() < end) held = (await call(scoped, 'GET', '/lists/gov/held')).json;
      assert.equal(get(held, 'held.0.from'), 'outsider@elsewhere.example');
      const id = Number(get(held, 'held.0.id'));
      const detail = await call(scoped, 'GET', `/lists/gov/held/${id}`);
      assert.match(String(get(detail.json, 'text')), /Hello list\./);
      assert.ok((get(detail.json, 'hits') as unknown[]).length > 0);
      assert.equal((await call(scoped, 'POST', `/lists/gov/held/${id}`, { action: 'launch' })).status, 400);
      const r = await call(scoped, 'POST', `/lists/gov/held/${id}`, { action: 'reject', reason: 'off topic' });
      assert.deepEqual(r.json, { id, action: 'reject', state: 'rejected' });
      assert.equal((await call(scoped, 'GET', `/lists/gov/held/${id}`)).status, 404, 'no longer held');
    });

    test('subscription requests: listed, approved, refused', async () => {
      const list = (await t.app.store.findListByAddress('gov@lists.example.org'))!;
      const exp = new Date(Date.now() + 86_400_000);
      for (const [token, address] of [['c'.repeat(40), 'yes@example.org'], ['d'.repeat(40), 'no@example.org']] as const) {
        await t.app.store.createPending({ token, listId: list.id, kind: 'approve_subscription', address, data: { displayName: 'Y' }, createdAt: new Date(), expiresAt: exp });
      }
      assert.equal(get((await call(scoped, 'GET', '/lists/gov/requests')).json, 'requests.length'), 2);
      assert.equal(get((await call(scoped, 'POST', `/lists/gov/requests/${'c'.repeat(40)}`, { action: 'approve' })).json, 'outcome'), 'subscribed');
      assert.equal(get((await call(scoped, 'POST', `/lists/gov/requests/${'d'.repeat(40)}`, { action: 'refuse', reason: 'no' })).json, 'outcome'), 'refused');
      assert.equal((await call(scoped, 'POST', `/lists/gov/requests/${'d'.repeat(40)}`, { action: 'approve' })).status, 404);
      assert.ok(await t.app.store.getMember(list.id, 'yes@example.org'));
    });

    test('the archive: months, a month, one message, search', async () => {
      await nodemailer.createTransport({ host: '127.0.0.1', port: t.running.ports.smtp, ignoreTLS: true })
        .sendMail({ from: 'yes@example.org', to: 'gov@lists.example.org', subject: 'Archived thoughts on quorum', text: 'The quorum rule needs a second look.\n' });
      let months: unknown = { months: [] };
      const end = Date.now() + 15_000;
      while ((get(months, 'months') as unknown[]).length === 0 && Date.now() < end) {
        months = (await call(scoped, 'GET', '/lists/gov/archive/months')).json;
        await new Promise((r) => setTimeout(r, 50));
      }
      const month = String(get(months, 'months.0.month'));
      assert.match(month, /^\d{4}-\d{2}$/);
      const listed = await call(scoped, 'GET', `/lists/gov/archive/months/${month}`);
      assert.equal(get(listed.json, 'messages.0.subject'), '[gov] Archived thoughts on quorum');
      const n = Number(get(listed.json, 'messages.0.number'));
      assert.equal(get((await call(scoped, 'GET', `/lists/gov/archive/messages/${n}`)).json, 'authorAddress'), 'yes@example.org');
      assert.equal((await call(scoped, 'GET', '/lists/gov/archive/messages/99999')).status, 404);
      assert.equal((await call(scoped, 'GET', '/lists/gov/archive/months/May')).status, 400);
      const found = await call(scoped, 'GET', '/lists/gov/archive/search?q=quorum');
      assert.equal(get(found.json, 'hits.0.message.number'), n);
      assert.equal((get((await call(scoped, 'GET', '/lists/gov/archive/search?q=nothingmatcheshere')).json, 'hits') as unknown[]).length, 0);
    });
  });
}
