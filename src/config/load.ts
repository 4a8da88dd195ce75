// Reads the site configuration: file first (caucus.toml / caucus.json in the working folder, or
// CAUCUS_CONFIG), then CAUCUS_* environment variables, validated by the schema with errors that
// name the bad key.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { CaucusError } from '../domain/errors.ts';
import { ConfigSchema, type Config } from './schema.ts';

const ENV: ReadonlyArray<readonly [string, keyof Config, 'string' | 'number']> = [
  ['CAUCUS_DATA_DIR', 'dataDir', 'string'],
  ['DATABASE_URL', 'databaseUrl', 'string'],
  ['CAUCUS_LISTEN', 'listen', 'string'],
  ['CAUCUS_SMTP_PORT', 'smtpPort', 'number'],
  ['CAUCUS_LMTP_PORT', 'lmtpPort', 'number'],
  ['CAUCUS_HTTP_PORT', 'httpPort', 'number'],
  ['CAUCUS_OUTBOUND', 'outbound', 'string'],
  ['CAUCUS_BASE_URL', 'baseUrl', 'string'],
  ['CAUCUS_HOSTNAME', 'hostname', 'string'],
  ['CAUCUS_WORKERS', 'workers', 'number'],
  ['CAUCUS_LOG_LEVEL', 'logLevel', 'string'],
];

function readFile(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  try {
    const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : parseToml(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a table of settings');
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw new CaucusError('invalid', `config file ${path}: ${(e as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const explicit = env.CAUCUS_CONFIG;
  const candidates = explicit ? [explicit] : [`${cwd}/caucus.toml`, `${cwd}/caucus.json`];
  let raw: Record<string, unknown> = {};
  let source = 'defaults';
  for (const c of candidates) {
    if (existsSync(c)) {
      raw = readFile(c);
      source = c;
      break;
    }
    if (explicit) throw new CaucusError('invalid', `config file ${c} does not exist`);
  }
  for (const [name, key, kind] of ENV) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    if (kind === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new CaucusError('invalid', `${name}: expected a number, got ${JSON.stringify(v)}`);
      raw[key] = n;
    } else raw[key] = v;
  }
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const key = issue?.path.join('.') || (issue && 'keys' in issue ? String((issue as { keys: string[] }).keys.join(', ')) : '');
    throw new CaucusError('invalid', `config (${source}): ${key ? `${key}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
