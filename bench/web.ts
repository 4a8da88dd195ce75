// Web page latency with a realistic list: 10,000 members, a queue of held posts, a few other
// lists. Starts the whole app (`buildApp(...).start()`) on SQLite (and PostgreSQL when
// DATABASE_URL is set), signs in a member, an owner and an API token, and fetches every main page
// over HTTP one after another. Prints p50, p95 and max per page, and the CPU time per request of
// the process (server and client together), which other work on the machine disturbs far less.
//
//   node --import tsx bench/web.ts [--members 10000] [--requests 200] [--held 30]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApp } from '../src/main.ts';
import { ConfigSchema } from '../src/config/schema.ts';
import { defaultListSettings } from '../src/domain/list-settings.ts';
import { createApiToken, openSession } from '../src/auth/index.ts';
import { sql } from 'kysely';
import { KyselyStore } from '../src/store/kysely/index.ts';
import { pgTestSchema } from '../test/harness/stores.ts';

const { values } = parseArgs({ options: { members: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' }, held: { type: 'string', default: '30' } } });
const MEMBERS = Number(values.members);
const REQUESTS = Number(values.requests);

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caucus-bench-web-'));
  const schema = kind === 'postgres' ? await pgTestSchema(process.env.DATABASE_URL as string) : null;
  const config = ConfigSchema.parse({ dataDir, databaseUrl: schema?.url ?? '', smtpPort: 0, lmtpPort: 0, httpPort: 0, ephemeralPorts: true, outbound: `maildir:${join(dataDir, 'out')}`, hostname: 'lists.example.org', logLevel: 'silent', workers: 0 });
  const app = await buildApp(config, pino({ level: 'silent' }));
  const s = app.store;
  const now = new Date();
  const list = await s.createList({ name: 'gov', domain: 'lists.example.org', settings: { ...defaultListSettings(), rosterVisibility: 'public' }, createdAt: now });
  for (const n of ['dev', 'ops', 'announce']) await s.createList({ name: n, domain: 'lists.example.org', settings: defaultListSettings(), createdAt: now });
  await s.transaction(async (tx) => {
    for (let i = 0; i < MEMBERS; i++) await tx.addMember({ listId: list.id, address: `user${i}@example${i % 97}.net`, displayName: `User ${i}` }, now, `tok-${i}`);
    await tx.addMember({ listId: list.id, address: 'owner@example.org', role: 'owner' }, now, 'tok-owner');
  });
  for (let i = 0; i < Number(values.held); i++) {
    const raw = Buffer.from(`From: outsider${i}@elsewhere.example\r\nTo: gov@lists.example.org\r\nSubject: Held ${i}\r\nMessage-ID: <h${i}@elsewhere.example>\r\n\r\nA held post, number ${i}.\r\n`);
    const id = await s.saveIncoming({ raw, envelopeFrom: `outsider${i}@elsewhere.example`, listId: list.id, role: 'post', detail: null, receivedAt: now });
    await s.updateMessage(id, { state: 'held', subject: `Held ${i}`, fromAddress: `outsider${i}@elsewhere.example`, hits: [{ rule: 'nonmember-moderation', action: 'hold', reason: 'not a member' }], holdExpiresAt: new Date(now.getTime() + 86_400_000) });
  }
  // What autovacuum does to a freshly filled table in production: give the planner its statistics.
  if (s instanceof KyselyStore && s.dialect === 'postgres') await sql`ANALYZE`.execute(s.db);
  const running = await app.start();
  const base = `http://127.0.0.1:${running.ports.http}`;
  const member = (await openSession(app.pipeline, 'user5000@example53.net', 'link')).cookie;
  const owner = (await openSession(app.pipeline, 'owner@example.org', 'password')).cookie;
  const { token } = await createApiToken(app.pipeline, 'bench', null);
  const heldId = (await s.listHeld(list.id))[0]!.id;
  const pages: Array<[string, string, Record<string, string>]> = [
    ['list index', '/lists/', {}],
    ['list info (public count)', '/lists/gov', {}],
    ['member options', '/account/', { cookie: `caucus_session=${member}` }],
    ['admin home', '/admin/', { cookie: `caucus_session=${owner}` }],
    [`moderation queue (${values.held} held)`, '/admin/lists/gov/held', { cookie: `caucus_session=${owner}` }],
    ['held post', `/admin/lists/gov/held/${heldId}`, { cookie: `caucus_session=${owner}` }],
    ['settings', '/admin/lists/gov/settings', { cookie: `caucus_session=${owner}` }],
    ['roster, first page', '/admin/lists/gov/members', { cookie: `caucus_session=${owner}` }],
    ['roster, page 150', '/admin/lists/gov/members?page=150', { cookie: `caucus_session=${owner}` }],
    ['roster search', '/admin/lists/gov/members?q=user9999', { cookie: `caucus_session=${owner}` }],
    ['API: list', '/api/v1/lists/gov', { authorization: `Bearer ${token}` }],
    ['API: 100 members', '/api/v1/lists/gov/members?limit=100&offset=5000', { authorization: `Bearer ${token}` }],
    ['API: OpenAPI document', '/api/v1/openapi.json', {}],
    [`roster CSV export (${MEMBERS} rows)`, '/admin/lists/gov/members.csv', { cookie: `caucus_session=${owner}` }],
  ];
  process.stdout.write(`\n${kind}, ${MEMBERS} members, ${REQUESTS} sequential requests per page (load average ${loadavg()[0]!.toFixed(1)})\n`);
  process.stdout.write('| page | p50 ms | p95 ms | max ms | CPU ms/request |\n|---|---|---|---|---|\n');
  for (const [name, path, headers] of pages) {
    const times: number[] = [];
    let cpu = process.cpuUsage();
    for (let i = 0; i < REQUESTS + 10; i++) {
      if (i === 10) cpu = process.cpuUsage();
      const t0 = performance.now();
      const r = await fetch(`${base}${path}`, { headers });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      if (i >= 10) times.push(performance.now() - t0); // the first ten warm caches and the JIT
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    const cpuMs = (used.user + used.system) / 1000 / REQUESTS;
    process.stdout.write(`| ${name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${times[times.length - 1]!.toFixed(1)} | ${cpuMs.toFixed(2)} |\n`);
  }
  await running.stop();
  await app.close();
  await schema?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

await run('sqlite');
if (process.env.DATABASE_URL) await run('postgres');
