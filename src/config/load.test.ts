// Config: defaults, a TOML or JSON file, environment over file, and errors that name the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'caucus-config-'));

test('defaults without file or environment', () => {
  const c = loadConfig({}, dir());
  assert.equal(c.smtpPort, 2525);
  assert.equal(c.lmtpPort, 8024);
  assert.equal(c.httpPort, 8080);
  assert.equal(c.listen, '127.0.0.1');
  assert.equal(c.dataDir, './data');
});

test('caucus.toml is read and the environment wins over it', () => {
  const d = dir();
  writeFileSync(join(d, 'caucus.toml'), 'smtpPort = 2600\nhostname = "lists.example.org"\noutbound = "smtp://127.0.0.1:25"\n');
  const c = loadConfig({ CAUCUS_SMTP_PORT: '2700' }, d);
  assert.equal(c.smtpPort, 2700);
  assert.equal(c.hostname, 'lists.example.org');
  assert.equal(c.outbound, 'smtp://127.0.0.1:25');
});

test('caucus.json and CAUCUS_CONFIG', () => {
  const d = dir();
  writeFileSync(join(d, 'other.json'), JSON.stringify({ httpPort: 9000 }));
  assert.equal(loadConfig({ CAUCUS_CONFIG: join(d, 'other.json') }, d).httpPort, 9000);
  assert.throws(() => loadConfig({ CAUCUS_CONFIG: join(d, 'missing.toml') }, d), /does not exist/);
});

test('errors name the bad key', () => {
  const d = dir();
  writeFileSync(join(d, 'caucus.toml'), 'smtpPort = "many"\n');
  assert.throws(() => loadConfig({}, d), /smtpPort/);
  writeFileSync(join(d, 'caucus.toml'), 'smtpPrt = 25\n');
  assert.throws(() => loadConfig({}, d), /smtpPrt/);
  writeFileSync(join(d, 'caucus.toml'), 'smtpPort = [\n');
  assert.throws(() => loadConfig({}, d), /config file .*caucus\.toml/);
  assert.throws(() => loadConfig({ CAUCUS_HTTP_PORT: 'x' }, dir()), /CAUCUS_HTTP_PORT: expected a number/);
  assert.throws(() => loadConfig({ CAUCUS_HTTP_PORT: '70000' }, dir()), /httpPort/);
});
