import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from './lib/bundle-entry.js';
import { isolatedEnv } from './lib/isolated-env.js';
import { writeLayerTar } from './lib/layer-content.js';
import { pushCompressedLayer, pushOneLayerImage } from './lib/layer-push.js';
import { formatBytes, formatMs, median, peakRssBytes, runCommand } from './lib/measure.js';
import { startRegistry } from './lib/registry.js';

/**
 * Listing the files of one big layer served by a real registry (`docker-registry serve`, storage
 * in RAM): `stevedore files REF --layer 0 --json > /dev/null` against `curl -s BLOB | tar -tz >
 * /dev/null` for a gzip layer, and against `curl -s BLOB | zstd -dc | tar -t` for the same tar
 * compressed with zstd. The layer (lib/layer-content.js) is LAYER_MIB of gzip, built like a big
 * node_modules layer: tens of thousands of files, text and binaries. Every stevedore run starts
 * with an empty listing cache, so it really reads the layer; they alternate with the peer's.
 * Then: peak RSS of stevedore, and reopening the listed layer, as a second CLI run (start-up,
 * manifest and JSON output included) and in one process as the app does (bench/entry/layer-reopen.ts).
 */
const LAYER_MIB = Number(process.env.BENCH_LAYER_MIB ?? 256);
const RUNS = Number(process.env.BENCH_LAYER_RUNS ?? 3);
const REPO = 'bench/layers';
const GOAL_RATIO = 1.1;
const GOAL_RSS_BYTES = 150 * 1024 * 1024;
const GOAL_REOPEN_MS = 100;
const OCI_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const OCI_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
const cli = resolve(import.meta.dirname, '../out/main/cli.js');
const entry = resolve(import.meta.dirname, 'entry/layer-reopen.ts');

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const hasZstd = spawnSync('zstd', ['--version']).status === 0;
  const work = mkdtempSync(join(tmpdir(), 'stevedore-bench-layers-'));
  const bundle = await bundleEntry(entry);
  let registry;
  try {
    console.log(
      `load average at start: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    registry = await startRegistry();
    const building = Date.now();
    const tarPath = join(work, 'layer.tar');
    const tar = await writeLayerTar(tarPath, LAYER_MIB * 1024 * 1024);
    const formats = [
      { name: 'gzip', mediaType: OCI_GZIP, compress: ['gzip', '-6', '-n', '-c'], peer: 'tar -tz' },
    ];
    if (hasZstd) {
      formats.push({
        name: 'zstd',
        mediaType: OCI_ZSTD,
        compress: ['zstd', '-3', '-q', '-c'],
        peer: 'zstd -dc | tar -t',
      });
    } else {
      console.log('no zstd binary here: the zstd comparison is left out');
    }
    for (const format of formats) {
      format.blob = await pushCompressedLayer(registry.url, REPO, tarPath, format.compress);
      await pushOneLayerImage(registry.url, REPO, format.name, {
        ...format.blob,
        mediaType: format.mediaType,
        diffId: tar.diffId,
      });
    }
    rmSync(tarPath);
    console.log(
      `layer: ${tar.entries} entries, ${formatBytes(tar.size)} of tar; ${formats.map((f) => `${f.name} ${formatBytes(f.blob.size)}`).join(', ')}; built and pushed in ${formatMs(Date.now() - building)}`,
    );

    const results = [];
    for (const format of formats)
      results.push(await measure(format, registry, work, bundle.path, tar.entries));
    console.log(
      `load average at end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    return {
      name: `layers-list (${formatBytes(formats[0].blob.size)} gzip)`,
      result: results.join('; '),
    };
  } finally {
    await registry?.stop();
    bundle.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(format, registry, work, reopenEntry, expectedEntries) {
  const ref = `${registry.host}/${REPO}:${format.name}`;
  const blobUrl = `${registry.url}/v2/${REPO}/blobs/${format.blob.digest}`;
  const peerScript = `set -o pipefail; curl -sf "$0" | ${format.peer} > /dev/null`;
  const home = join(work, `home-${format.name}`);
  const env = isolatedEnv(home);
  const listArgs = [cli, 'files', ref, '--layer', '0', '--json'];
  const emptyCache = () => rmSync(env.STEVEDORE_CACHE_DIR, { recursive: true, force: true });

  // The listing must be the tar's: same paths in the same order as tar prints them.
  emptyCache();
  const ours = JSON.parse((await runCommand(process.execPath, listArgs, { env })).stdout).map((e) => e.path);
  const { stdout } = await runCommand('bash', [
    '-c',
    `set -o pipefail; curl -sf "$0" | ${format.peer}`,
    blobUrl,
  ]);
  const theirs = stdout
    .trim()
    .split('\n')
    .map((path) => path.replace(/\/$/, ''));
  if (ours.length !== expectedEntries || ours.join('\n') !== theirs.join('\n')) {
    throw new Error(
      `${format.name}: stevedore listed ${ours.length} entries, tar ${theirs.length}, the layer has ${expectedEntries}`,
    );
  }

  const stevedoreTimes = [];
  const peerTimes = [];
  for (let round = 0; round <= RUNS; round += 1) {
    emptyCache();
    const ourMs = await timed(process.execPath, listArgs, env);
    const peerMs = await timed('bash', ['-c', peerScript, blobUrl], env);
    // Round 0 warms up (registry, page cache, the CLI's code): not counted.
    if (round > 0) {
      stevedoreTimes.push(ourMs);
      peerTimes.push(peerMs);
    }
  }
  emptyCache();
  const rss = await peakRssBytes(process.execPath, listArgs, { env });
  // The cache now holds the listing: reopening it.
  const reopenTimes = [];
  for (let i = 0; i < 3; i += 1) reopenTimes.push(await timed(process.execPath, listArgs, env));
  const reopenCli = median(reopenTimes);
  const inProcess = JSON.parse(
    (await runCommand(process.execPath, [reopenEntry, format.blob.digest], { env })).stdout,
  );
  const reopenMs = inProcess.openMs;

  const ourMs = median(stevedoreTimes);
  const peerMs = median(peerTimes);
  const ratio = ourMs / peerMs;
  const verdict = (ok) => (ok ? 'meets' : 'misses');
  const what = `${format.name} layer of ${formatBytes(format.blob.size)} (${expectedEntries} entries)`;
  console.log(
    `${what}: stevedore ${formatMs(ourMs)}, curl | ${format.peer} ${formatMs(peerMs)}, ratio ${ratio.toFixed(2)}x (${verdict(ratio <= GOAL_RATIO)} the goal <= ${GOAL_RATIO}x; medians of ${RUNS} alternating runs)`,
  );
  console.log(
    `${what}: stevedore runs ${stevedoreTimes.map(formatMs).join(', ')}; peer runs ${peerTimes.map(formatMs).join(', ')}`,
  );
  console.log(
    `${what}: peak RSS stevedore ${formatBytes(rss)} (${verdict(rss <= GOAL_RSS_BYTES)} the goal <= ${formatBytes(GOAL_RSS_BYTES)})`,
  );
  console.log(
    `${what}: reopening the listed layer: ${reopenMs.toFixed(1)} ms to read its listing back (${verdict(reopenMs <= GOAL_REOPEN_MS)} the goal <= ${GOAL_REOPEN_MS} ms); then its entries ${inProcess.entriesMs.toFixed(1)} ms, or the app's tree: merged ${inProcess.mergeMs.toFixed(1)} ms + tree ${inProcess.treeMs.toFixed(1)} ms; a second CLI run ${formatMs(reopenCli)} (start-up, manifest and JSON included)`,
  );
  return `${format.name}: ${ratio.toFixed(2)}x curl | ${format.peer} (goal <= ${GOAL_RATIO}x), peak RSS ${formatBytes(rss)}, reopen ${reopenMs.toFixed(0)} ms (goal <= ${GOAL_REOPEN_MS} ms; app tree +${(inProcess.mergeMs + inProcess.treeMs).toFixed(0)} ms, CLI run ${formatMs(reopenCli)})`;
}

/** Wall-clock ms of a command whose stdout goes to /dev/null; fails on a non-zero exit. */
function timed(command, args, env) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolveRun(ms);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited ${code}: ${Buffer.concat(stderr).toString().trim()}`,
          ),
        );
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
