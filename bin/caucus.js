#!/usr/bin/env node
// The `caucus` command: loads the TypeScript sources through tsx and runs the CLI.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
