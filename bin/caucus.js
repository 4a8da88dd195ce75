#!/usr/bin/env node
// The `caucus` command. Runs a bundle of the TypeScript sources built with esbuild (rebuilt when any
// source is newer, in about a second), which starts several times faster than compiling each file
// on load; falls back to loading the sources through tsx when the bundle cannot be built.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const bundle = join(root, 'node_modules', '.cache', 'caucus', 'main.mjs');

function newestSource(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  }
  return newest;
}

// The archive commands run from a root of their own that loads neither the web nor the mail
// servers (src/archive-main.ts); everything else from src/main.ts.
const ARCHIVE_COMMANDS = new Set(['import', 'export', 'reindex']);
const entry = ARCHIVE_COMMANDS.has(process.argv[2] ?? '') ? 'archive-main' : 'main';

async function load() {
  try {
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(src)) {
      const { build } = await import('esbuild');
      mkdirSync(dirname(bundle), { recursive: true });
      // Three entry points: the two roots and the archive import's worker thread, which
      // src/archive/store/prepare/prepare-pool.ts looks for beside the bundle that starts it.
      // main.mjs is renamed into place last, so a fresh main.mjs means fresh companions.
      const tmp = `${bundle}.${process.pid}.tmp`;
      const entries = {
        main: join(src, 'main.ts'), 'archive-main': join(src, 'archive-main.ts'),
        'archive-prepare-worker': join(src, 'archive', 'store', 'prepare', 'prepare-worker.ts'),
      };
      await build({
        entryPoints: entries, bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: tmp,
        outExtension: { '.js': '.mjs' }, packages: 'external', logLevel: 'silent', jsx: 'automatic', jsxImportSource: 'hono/jsx',
      });
      const { renameSync, rmSync } = await import('node:fs');
      for (const name of ['archive-prepare-worker', 'archive-main', 'main']) renameSync(join(tmp, `${name}.mjs`), join(dirname(bundle), `${name}.mjs`));
      rmSync(tmp, { recursive: true, force: true });
    }
    return await import(pathToFileURL(join(dirname(bundle), `${entry}.mjs`)).href);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(join(src, `${entry}.ts`)).href);
  }
}

const { main } = await load();
await main(process.argv.slice(2));
