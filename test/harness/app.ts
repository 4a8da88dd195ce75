// Starts a whole Caucus in-process the way `caucus serve` does (real SMTP, LMTP, web, workers, a
// real store) on free ports, with outbound mail going to a test sink or a Maildir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { TestZone } from '../../src/auth-mail/fixtures/zone.ts';
import { buildApp, type BuildOptions, type BuiltApp, type Running } from '../../src/main.ts';
import { ConfigSchema, type Config } from '../../src/config/schema.ts';
import { pgTestSchema } from './stores.ts';

export interface TestApp {
  app: BuiltApp;
  running: Running;
  dataDir: string;
  close(): Promise<void>;
}

export type DbKind = 'sqlite' | 'postgres';

export const dbKinds: DbKind[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** `opts.now` replaces the app's clock (a fake clock for tests that cross days). */
export async function startTestApp(kind: DbKind, outbound: string, overrides: Partial<Config> = {}, opts: BuildOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caucus-test-'));
  const schema = kind === 'postgres' ? await pgTestSchema(process.env.DATABASE_URL as string) : null;
  const config = ConfigSchema.parse({
    dataDir,
    databaseUrl: schema?.url ?? '',
    smtpPort: 0,
    lmtpPort: 0,
    httpPort: 0,
    ephemeralPorts: true,
    outbound,
    hostname: 'lists.example.org',
    logLevel: 'silent',
    ...overrides,
  });
  // No test touches real DNS: an empty in-process zone unless the test brings its own.
  const app = await buildApp(config, pino({ level: 'silent' }), { dns: new TestZone().query, ...opts });
  const running = await app.start();
  return {
    app,
    running,
    dataDir,
    async close() {
      await running.stop();
      await app.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
