// Project lint: the dependency direction of docs/architecture.md, and the habits of STYLE.md that
// a machine can check (no `any`, no process.exit outside main.ts, no grab-bag file names,
// kebab-case names). Prints each violation as file:line and exits 1 when there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve, basename } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

// Layers, innermost first. A module may import its own layer's modules (by the rules below) and any
// layer with a lower rank.
const CORE = new Set(['domain', 'mime', 'config']);
const FEATURES = new Set(['pipeline', 'moderation', 'delivery', 'bounces', 'digests', 'archive', 'jobs', 'subscriptions', 'auth', 'auth-mail']);
const EDGES = new Set(['inbound', 'web', 'cli', 'workers']);

function topOf(file: string): string {
  const rel = relative(SRC, file);
  const first = rel.split('/')[0] ?? '';
  return rel.includes('/') ? first : rel; // files directly in src/ (main.ts)
}

// The composition roots: main.ts, and archive-main.ts for the archive commands alone.
const ROOTS = new Set(['main.ts', 'archive-main.ts']);

function rank(top: string): number {
  if (top === 'domain') return 0;
  if (top === 'mime' || top === 'config') return 1;
  if (top === 'store') return 2;
  if (FEATURES.has(top)) return 3;
  if (EDGES.has(top)) return 4;
  if (ROOTS.has(top)) return 5;
  return -1;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const problems: string[] = [];
const report = (file: string, line: number, msg: string) => problems.push(`${relative(ROOT, file)}:${line}: ${msg}`);

const IMPORT_RE = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

for (const file of walk(SRC)) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const isTest = /\.test\.tsx?$/.test(file);
  const name = basename(file);
  const top = topOf(file);
  if (rank(top) < 0) report(file, 1, `folder src/${top} is not in the layer map (scripts/lint.ts, docs/architecture.md)`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.test)?\.tsx?$/.test(name)) report(file, 1, 'file names are kebab-case');
  if (/^(utils|helpers|common|manager|misc)\.tsx?$/.test(name)) report(file, 1, 'grab-bag file name; name the file after what it exports');
  lines.forEach((l, i) => {
    const code = l.replace(/\/\/.*$/, '');
    if (/(?::\s*any\b|\bas\s+any\b|<any>|any\[\])/.test(code)) report(file, i + 1, 'no `any`: parse at the edge and use real types');
    if (!isTest && /\bprocess\.exit\s*\(/.test(code) && relative(SRC, file) !== 'main.ts') report(file, i + 1, 'process.exit only in main.ts');
  });
  if (isTest) continue;
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith('.')) continue;
    const line = text.slice(0, m.index).split('\n').length;
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(SRC + '/')) { report(file, line, `import leaves src/: ${spec}`); continue; }
    const ttop = topOf(target);
    if (ttop === top) continue;
    const from = rank(top), to = rank(ttop);
    if (to > from || (to === from && !FEATURES.has(top))) {
      report(file, line, `src/${top} may not import src/${ttop} (dependencies point inward)`);
      continue;
    }
    const trel = relative(SRC, target);
    if (ttop === 'store' && !ROOTS.has(top) && trel !== 'store/types.ts') {
      report(file, line, `only a composition root (main.ts) picks a concrete store; import store/types.ts (${spec})`);
    }
    if (FEATURES.has(ttop) && trel !== `${ttop}/index.ts`) {
      report(file, line, `another feature is reached only through its index.ts (${spec})`);
    }
    if (EDGES.has(top) && EDGES.has(ttop)) report(file, line, 'edges do not import each other');
  }
}

if (problems.length) {
  process.stdout.write(problems.join('\n') + `\n${problems.length} lint problem(s)\n`);
  process.exit(1);
}
process.stdout.write('lint: ok\n');
