import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isolatedEnv } from './lib/isolated-env.js';
import { formatBytes, formatMs, median, peakRssBytes, runCommand } from './lib/measure.js';
import { startRegistry } from './lib/registry.js';
import { pushRandomImage } from './lib/registry-push-stream.js';

/**
 * `stevedore copy SRC DST --json` against `skopeo copy` of the same image between two real
 * registries: LAYER_COUNT layers of random bytes, IMAGE_BYTES in all. Every run copies to a new
 * destination registry (started before the clock starts), so every blob is really sent: run as
 * root, skopeo keeps its blob-info cache in /var/lib/containers whatever HOME says, and would
 * otherwise mount the blobs from the previous run's repository on the same registry. Each client
 * also gets a fresh HOME, so stevedore's content cache remembers nothing either.
 */
const IMAGE_BYTES = 512 * 1024 * 1024;
const LAYER_COUNT = 4;
const RUNS = 3;
const GOAL_RATIO = 1.0;
const GOAL_RSS_BYTES = 150 * 1024 * 1024;
const cli = resolve(import.meta.dirname, '../out/main/cli.js');

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const homes = mkdtempSync(join(tmpdir(), 'stevedore-bench-copy-'));
  let source;
  let target;
  try {
    source = await startRegistry();
    const pushing = Date.now();
    const image = await pushRandomImage(source.url, 'bench/big', 'latest', {
      layerCount: LAYER_COUNT,
      layerBytes: IMAGE_BYTES / LAYER_COUNT,
    });
    console.log(
      `pushed ${formatBytes(image.bytes)} in ${LAYER_COUNT} layers to the source: ${formatMs(Date.now() - pushing)}`,
    );

    const from = `${source.host}/bench/big:latest`;
    let runNumber = 0;
    /** A new, empty destination registry; the previous one (and its 512 MiB in RAM) is stopped first. */
    const nextRun = async () => {
      await target?.stop();
      runNumber += 1;
      target = await startRegistry();
      const home = join(homes, `run-${runNumber}`);
      return { env: isolatedEnv(home), to: `${target.host}/copy-${runNumber}/big:latest` };
    };
    const stevedoreArgs = (to) => [cli, 'copy', from, to, '--json'];
    const stevedore = async ({ env, to }) => {
      const { stdout } = await runCommand(process.execPath, stevedoreArgs(to), { env });
      const copied = JSON.parse(stdout).digest;
      if (copied !== image.digest)
        throw new Error(`stevedore copied ${copied}, the source is ${image.digest}`);
    };
    const skopeo = async ({ env, to }) => {
      await runCommand(
        'skopeo',
        ['copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${from}`, `docker://${to}`],
        { env },
      );
    };

    const stevedoreTimes = [];
    const skopeoTimes = [];
    for (let round = 0; round < RUNS; round += 1) {
      stevedoreTimes.push(await timed(stevedore, await nextRun()));
      skopeoTimes.push(await timed(skopeo, await nextRun()));
    }
    const rssRun = await nextRun();
    const rss = await peakRssBytes(process.execPath, stevedoreArgs(rssRun.to), { env: rssRun.env });
    const stevedoreMs = median(stevedoreTimes);
    const skopeoMs = median(skopeoTimes);
    const ratio = stevedoreMs / skopeoMs;
    const mbPerSecond = (ms) => `${((image.bytes / 1e6 / ms) * 1000).toFixed(0)} MB/s`;

    const what = `copy of ${formatBytes(image.bytes)} (${LAYER_COUNT} layers) registry to registry`;
    console.log(
      `${what}: stevedore ${formatMs(stevedoreMs)} (${mbPerSecond(stevedoreMs)}), skopeo ${formatMs(skopeoMs)} (${mbPerSecond(skopeoMs)}), ratio ${ratio.toFixed(2)}x (${ratio <= GOAL_RATIO ? 'meets' : 'misses'} the goal <= ${GOAL_RATIO}x; medians of ${RUNS} alternating runs)`,
    );
    console.log(
      `${what}: stevedore runs ${stevedoreTimes.map(formatMs).join(', ')}; skopeo runs ${skopeoTimes.map(formatMs).join(', ')}`,
    );
    console.log(
      `${what}: peak RSS stevedore ${formatBytes(rss)} (${rss <= GOAL_RSS_BYTES ? 'meets' : 'misses'} the goal <= ${formatBytes(GOAL_RSS_BYTES)})`,
    );
    return {
      name: `copy (${formatBytes(image.bytes)})`,
      result: `stevedore ${formatMs(stevedoreMs)}, skopeo ${formatMs(skopeoMs)}, ratio ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO}x), peak RSS ${formatBytes(rss)} (goal <= ${formatBytes(GOAL_RSS_BYTES)})`,
    };
  } finally {
    await target?.stop();
    await source?.stop();
    rmSync(homes, { recursive: true, force: true });
  }
}

/** Wall-clock ms of `job(args)` alone: the destination registry was started before. */
async function timed(job, args) {
  const started = process.hrtime.bigint();
  await job(args);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
