// Runs every *.test.ts under src/ and test/ with node's test runner (tsx loads TypeScript).
// Arguments narrow the run to files whose path contains one of them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ['src', 'test'].flatMap((d) => walk(d, [])).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  process.stderr.write('no test files found\n');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
