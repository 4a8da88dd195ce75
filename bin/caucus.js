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

async function load() {
  try {
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(src)) {
      const { build } = await import('esbuild');
      mkdirSync(dirname(bundle), { recursive: true });
      // The archive import's worker thread is a second entry point, written beside the main one
      // (src/archive/store/prepare/prepare-pool.ts looks for it there); the main bundle is renamed
      // into place last, so a fresh main bundle always has its worker.
      const tmp = `${bundle}.${process.pid}.tmp`;
      const entries = { main: join(src, 'main.ts'), 'archive-prepare-worker': join(src, 'archive', 'store', 'prepare', 'prepare-worker.ts') };
      await build({
        entryPoints: entries, bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: tmp,
        outExtension: { '.js': '.mjs' }, packages: 'external', logLevel: 'silent', jsx: 'automatic', jsxImportSource: 'hono/jsx',
      });
      const { renameSync, rmSync } = await import('node:fs');
      renameSync(join(tmp, 'archive-prepare-worker.mjs'), join(dirname(bundle), 'archive-prepare-worker.mjs'));
      renameSync(join(tmp, 'main.mjs'), bundle);
      rmSync(tmp, { recursive: true, force: true });
    }
    return await import(pathToFileURL(bundle).href);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(join(src, 'main.ts')).href);
  }
}

const { main } = await load();
await main(process.argv.slice(2));
