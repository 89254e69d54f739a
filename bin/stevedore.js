#!/usr/bin/env node
// The installed command: runs the built CLI (electron-vite writes it to out/main/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('stevedore: the CLI is not built: run `npm run build` first\n');
  process.exit(1);
}
await import(cli.href);
