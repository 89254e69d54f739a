import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bareCatalog } from './lib/bare-catalog.js';
import { isolatedEnv } from './lib/isolated-env.js';
import { formatBytes, formatMs, median, peakRssBytes, runCommand, timeAlternating } from './lib/measure.js';
import { startRegistry } from './lib/registry.js';
import { writeSharedImageRepositories } from './lib/registry-layout.js';

/**
 * `stevedore catalog <registry> --json` on a real registry holding REPOSITORY_COUNT repositories
 * (10 pages of 1,000), against the bare loop it cannot beat: fetch `/v2/_catalog?n=1000` and
 * follow `Link` until done. The ratio compares two processes (`node bare-catalog.js` pays Node's
 * start-up as the CLI does); the bare loop inside this process is printed beside it.
 */
const REPOSITORY_COUNT = 10_000;
const RUNS = 5;
const GOAL_RATIO = 1.2;
const cli = resolve(import.meta.dirname, '../out/main/cli.js');
const bareScript = resolve(import.meta.dirname, 'lib/bare-catalog.js');

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const names = repositoryNames(REPOSITORY_COUNT);
  const filling = Date.now();
  const registry = await startRegistry({
    prepare: (dataDir) => writeSharedImageRepositories(dataDir, names),
  });
  const home = mkdtempSync(join(tmpdir(), 'stevedore-bench-catalog-'));
  try {
    console.log(
      `wrote ${REPOSITORY_COUNT} repositories into the registry's storage and started it: ${formatMs(Date.now() - filling)}`,
    );
    const listed = await bareCatalog(registry.url);
    if (listed.length !== REPOSITORY_COUNT) {
      throw new Error(`the registry lists ${listed.length} repositories, expected ${REPOSITORY_COUNT}`);
    }

    const env = isolatedEnv(home);
    const stevedoreArgs = [cli, 'catalog', registry.host, '--json'];
    const bareArgs = [bareScript, registry.url];
    checkSameList((await runCommand(process.execPath, stevedoreArgs, { env })).stdout, listed);

    // The bare loop inside this process is timed in the same rounds, for reference.
    const [stevedoreTimes, bareTimes, bareInProcessTimes] = await timeAlternating(
      [
        () => runCommand(process.execPath, stevedoreArgs, { env }),
        () => runCommand(process.execPath, bareArgs, { env }),
        () => bareCatalog(registry.url),
      ],
      { runs: RUNS },
    );
    const stevedoreMs = median(stevedoreTimes);
    const bareProcessMs = median(bareTimes);
    const bareInProcessMs = median(bareInProcessTimes);
    const rss = await peakRssBytes(process.execPath, stevedoreArgs, { env });
    const bareRss = await peakRssBytes(process.execPath, bareArgs, { env });
    const ratio = stevedoreMs / bareProcessMs;
    const verdict = ratio <= GOAL_RATIO ? 'meets' : 'misses';

    const what = `catalog --json of ${REPOSITORY_COUNT} repositories`;
    console.log(
      `${what}: stevedore ${formatMs(stevedoreMs)}, bare loop as its own node process ${formatMs(bareProcessMs)} (stevedore +${formatMs(stevedoreMs - bareProcessMs)}), ratio ${ratio.toFixed(2)}x (${verdict} the goal <= ${GOAL_RATIO}x; medians of ${RUNS} alternating runs after a warm-up)`,
    );
    console.log(
      `${what}: bare loop inside the bench process (no start-up) ${formatMs(bareInProcessMs)}, stevedore/that ${(stevedoreMs / bareInProcessMs).toFixed(2)}x (for reference only)`,
    );
    console.log(`${what}: peak RSS stevedore ${formatBytes(rss)}, bare loop process ${formatBytes(bareRss)}`);
    return {
      name: `catalog --json (${REPOSITORY_COUNT} repos)`,
      result: `stevedore ${formatMs(stevedoreMs)}, bare process ${formatMs(bareProcessMs)}, ratio ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO}x), bare in-process ${formatMs(bareInProcessMs)}, peak RSS ${formatBytes(rss)}`,
    };
  } finally {
    await registry.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** 100 namespaces of 100 repositories: the nested names registries hold (`team-07/app-00712`). */
function repositoryNames(count) {
  return Array.from(
    { length: count },
    (_, index) =>
      `team-${String(Math.floor(index / 100)).padStart(3, '0')}/app-${String(index).padStart(5, '0')}`,
  );
}

/** A bench of wrong output measures nothing: stevedore must list the same names, in the same order. */
function checkSameList(stdout, expected) {
  const { repositories } = JSON.parse(stdout);
  const differsAt = expected.findIndex((name, index) => repositories[index] !== name);
  if (repositories.length !== expected.length || differsAt !== -1) {
    throw new Error(
      `stevedore listed ${repositories.length} repositories, the registry ${expected.length}; first difference at ${differsAt}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
