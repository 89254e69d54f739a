import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatMs, median, timeRuns } from './lib/measure.js';

/**
 * The floor under every CLI command: `stevedore --version` loads the CLI and exits, against a
 * bare `node -e 0`. The gap is module loading, paid again by each `images --json`.
 */
const RUNS = 5;
const cli = resolve(import.meta.dirname, '../out/main/cli.js');

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const stevedoreMs = median(await timeRuns(process.execPath, [cli, '--version'], { runs: RUNS }));
  const nodeMs = median(await timeRuns(process.execPath, ['-e', '0'], { runs: RUNS }));
  const result = `stevedore ${formatMs(stevedoreMs)}, bare node ${formatMs(nodeMs)}, loading costs ${formatMs(stevedoreMs - nodeMs)}`;
  console.log(`cli startup (--version): ${result} (median of ${RUNS} after a warm-up)`);
  return { name: 'cli startup (--version)', result };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
