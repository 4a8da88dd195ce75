// The REST API's rate limits over HTTP against the real app: per token (another token is not
// slowed), per client for requests without a valid token, 429 as a documented JSON error with
// Retry-After, and requests allowed again once the window has passed (on a fake clock).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../../../test/harness/smtp-sink.ts';
import { startTestApp, dbKinds, type TestApp } from '../../../test/harness/app.ts';
import { runCli } from '../../../test/harness/cli.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import { API_PER_CLIENT, API_PER_TOKEN } from '../middleware/rate-limit.ts';
import { checkSchema } from './fixtures/json-schema.ts';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } }; headers?: Record<string, unknown> }> }>> } & Record<string, unknown>;

for (const kind of dbKinds) {
  describe(`REST API rate limits on ${kind}`, () => {
    let sink: SmtpSink;
    let t: TestApp;
    let base: string;
    let doc: Doc;
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const token = async (name: string) => (await runCli(t.app, ['tokens', 'create', '--name', name])).out.trim().split('\n').pop()!;
    const get = (bearer: string | null) => fetch(`${base}/api/v1/lists`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

    /** Sends `n` requests one after another and returns how many got each status. */
    async function send(n: number, bearer: string | null): Promise<Map<number, number>> {
      const seen = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const r = await get(bearer);
        await r.arrayBuffer();
        seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
      }
      return seen;
    }

    /** The 429 answer: the documented error shape, a stable code and a Retry-After (returned, in ms) past the window. */
    async function assertTooMany(r: Response, windowMs: number): Promise<number> {
      assert.equal(r.status, 429);
      const retryAfter = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter * 1000 > windowMs && retryAfter * 1000 <= windowMs + 1000, `Retry-After ${retryAfter} s covers the window`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      const json: unknown = await r.json();
      const documented = doc.paths['/lists']!.get!.responses['429'];
      assert.ok(documented?.headers?.['Retry-After'], '429 and its Retry-After are in the OpenAPI document');
      assert.deepEqual(checkSchema(documented.content!['application/json'].schema, json, doc), []);
      assert.equal((json as { error: { code: string } }).error.code, 'rate_limited');
      return retryAfter * 1000;
    }

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, sink.url, {}, { now: () => new Date(clock) });
      base = `http://127.0.0.1:${t.running.ports.http}`;
      doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Doc;
      await t.app.store.createList({ name: 'gov', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date(clock) });
    });
    after(async () => {
      await t.close();
      await sink.close();
    });

    test('every route documents 429 with Retry-After', () => {
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) assert.ok(op.responses['429']?.headers?.['Retry-After'], `${method} ${path}`);
      }
    });

    test('a token is limited on its own: over the limit 429, another token goes on, and after the window it may again', async () => {
      const busy = await token('busy');
      const calm = await token('calm');
      assert.deepEqual([...await send(API_PER_TOKEN.limit, busy)], [[200, API_PER_TOKEN.limit]]);
      const wait = await assertTooMany(await get(busy), API_PER_TOKEN.windowMs);
      assert.equal((await get(calm)).status, 200, 'the limit is per token');
      assert.equal((await get(null)).status, 401, 'the client itself is not limited by a token\'s count');
      clock += API_PER_TOKEN.windowMs - 1;
      assert.equal((await get(busy)).status, 429, 'still limited within the window');
      clock += wait - API_PER_TOKEN.windowMs + 1;
      assert.equal((await get(busy)).status, 200, 'after Retry-After the token works again');
    });

    test('requests without a valid token are limited per client, and a valid token still works', async () => {
      clock += API_PER_CLIENT.windowMs + 1000;
      const valid = await token('valid');
      const seen = await send(API_PER_CLIENT.limit, 'caucus_not-a-real-token');
      assert.deepEqual([...seen], [[401, API_PER_CLIENT.limit]]);
      const wait = await assertTooMany(await get('caucus_not-a-real-token'), API_PER_CLIENT.windowMs);
      await assertTooMany(await get(null), API_PER_CLIENT.windowMs);
      assert.equal((await get(valid)).status, 200, 'the client\'s failures do not lock out a valid token');
      assert.equal((await fetch(`${base}/api/v1/openapi.json`)).status, 200, 'the document stays readable');
      clock += wait;
      assert.equal((await get(null)).status, 401, 'after Retry-After the client is answered again');
    });
  });
}
