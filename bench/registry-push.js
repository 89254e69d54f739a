import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runWithUsage } from './lib/command-usage.js';
import { startDockerd } from './lib/dockerd.js';
import { isolatedEnv } from './lib/isolated-env.js';
import { formatBytes, formatMs, median, runCommand } from './lib/measure.js';
import { processCpuSeconds } from './lib/process-cpu.js';
import { checkRegistryHoldsImage } from './lib/pushed-image-check.js';
import { writeRandomImageArchive } from './lib/random-image-archive.js';
import { startRegistry } from './lib/registry.js';

/**
 * `stevedore push IMAGE TARGET --json --engine URL` against `docker push TARGET`, both through the
 * same private engine, of one image of LAYER_COUNT layers of random bytes (BENCH_PUSH_MIB MiB in
 * all, 512 by default). The engine does the work (reading, gzip, upload) in both cases: what the
 * ratio measures is what each client adds. Every push goes to a NEW registry, started before the
 * clock starts, so the engine finds nothing there to skip or mount; the registry is then checked
 * to hold every layer, and the client's output to say each was pushed. The engine's CPU per push
 * is printed beside the times: on a shared machine it tells "the engine worked harder" apart from
 * "the client took longer".
 */
const LAYER_COUNT = 4;
const GOAL_RATIO = 1.05;
const IMAGE = 'bench/push:latest';
const stevedoreBin = resolve(import.meta.dirname, '../bin/stevedore.js');
const builtCli = resolve(import.meta.dirname, '../out/main/cli.js');
// The distribution's CLI (20.10, like the engine); a newer docker may be first on PATH.
const docker = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export async function run() {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: build first (npx electron-vite build)`);
  const imageMib = positiveInteger('BENCH_PUSH_MIB', 512);
  const rounds = positiveInteger('BENCH_PUSH_RUNS', 3);
  const homes = mkdtempSync(join(tmpdir(), 'stevedore-bench-push-'));
  const loadBefore = loadavg()[0];
  let engine;
  let registry;
  try {
    engine = await startDockerd();
    const dockerEnv = {
      PATH: process.env.PATH,
      DOCKER_HOST: engine.host,
      DOCKER_CONFIG: join(homes, 'docker'),
    };
    const image = await loadRandomImage(engine, dockerEnv, imageMib);
    const enginePid = readFileSync(join(engine.dir, 'docker.pid'), 'utf8').trim();
    /** The command's wall clock, peak RSS and CPU, and the CPU the engine spent meanwhile. */
    const measured = async (command, args, env) => {
      const engineBefore = processCpuSeconds(enginePid);
      const result = await runWithUsage(command, args, { env });
      const engineAfter = processCpuSeconds(enginePid);
      const engineCpuSeconds =
        engineBefore === undefined || engineAfter === undefined ? undefined : engineAfter - engineBefore;
      return { ...result, engineCpuSeconds };
    };

    let pushNumber = 0;
    /** A new, empty registry and a target in it; the previous one (and the image it holds in RAM) is stopped first. */
    const nextTarget = async () => {
      await registry?.stop();
      registry = await startRegistry();
      pushNumber += 1;
      const repo = `push-${pushNumber}/big`;
      return {
        registry,
        repo,
        target: `${registry.host}/${repo}:latest`,
        home: join(homes, `run-${pushNumber}`),
      };
    };
    const verify = ({ registry, repo }, digest) =>
      checkRegistryHoldsImage(registry.url, repo, 'latest', {
        digest,
        layerCount: LAYER_COUNT,
        minBytes: image.bytes,
      });

    const dockerPush = async (push) => {
      // Tagging is what a docker user does before the push: outside the clock (stevedore tags in its run).
      await runCommand(docker, ['tag', IMAGE, push.target], { env: dockerEnv });
      const { stdout, ...usage } = await measured(docker, ['push', push.target], dockerEnv);
      await runCommand(docker, ['rmi', push.target], { env: dockerEnv });
      checkEveryLayerSent('docker push', stdout, /^[0-9a-f]{12}: Pushed$/gm);
      const digest = /: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(stdout)?.[1];
      await verify(push, digest);
      return { ...usage, digest };
    };
    const stevedorePush = async (push) => {
      const args = [stevedoreBin, 'push', IMAGE, push.target, '--json', '--engine', engine.host];
      const { stdout, stderr, ...usage } = await measured(process.execPath, args, isolatedEnv(push.home));
      checkEveryLayerSent('stevedore push', stderr, /^layer [0-9a-f]{12} done$/gm);
      const { digest } = JSON.parse(stdout);
      await verify(push, digest);
      return { ...usage, digest };
    };

    const stevedoreRuns = [];
    const dockerRuns = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternating who goes first: a slow spell of the shared machine then hits both alike.
      const order = round % 2 === 0 ? ['docker', 'stevedore'] : ['stevedore', 'docker'];
      for (const client of order) {
        if (client === 'docker') dockerRuns.push(await dockerPush(await nextTarget()));
        else stevedoreRuns.push(await stevedorePush(await nextTarget()));
      }
    }
    if (stevedoreRuns[0].digest !== dockerRuns[0].digest) {
      throw new Error(
        `stevedore pushed ${stevedoreRuns[0].digest}, docker ${dockerRuns[0].digest}: not the same image`,
      );
    }
    return report(image, stevedoreRuns, dockerRuns, loadBefore);
  } finally {
    await registry?.stop();
    await engine?.stop();
    rmSync(homes, { recursive: true, force: true });
  }
}

/**
 * The bench image, written as a `docker save` archive and loaded in one `docker load`: for 512 MiB
 * that took 4.9 s here against 9.7 s for `docker build` FROM scratch with the same four files
 * (writing the context, then a COPY per layer), with vfs storage either way.
 */
async function loadRandomImage(engine, env, imageMib) {
  const started = Date.now();
  const archive = join(engine.dir, 'random-image.tar');
  const layerBytes = (imageMib * 1024 * 1024) / LAYER_COUNT;
  const { bytes } = await writeRandomImageArchive(archive, {
    repoTag: IMAGE,
    layerCount: LAYER_COUNT,
    layerBytes,
  });
  await runCommand(docker, ['load', '--quiet', '--input', archive], { env });
  rmSync(archive);
  console.log(
    `loaded ${formatBytes(bytes)} in ${LAYER_COUNT} random layers into the engine: ${formatMs(Date.now() - started)}`,
  );
  return { bytes };
}

/** Each layer reported as sent, none as already there or mounted: otherwise the run measured less. */
function checkEveryLayerSent(client, output, sentLine) {
  const sent = output.match(sentLine)?.length ?? 0;
  if (sent !== LAYER_COUNT) {
    throw new Error(`${client} reported ${sent} of ${LAYER_COUNT} layers pushed:\n${output.slice(-2000)}`);
  }
}

function report(image, stevedoreRuns, dockerRuns, loadBefore) {
  const times = (runs) => runs.map((push) => push.ms);
  const stevedoreMs = median(times(stevedoreRuns));
  const dockerMs = median(times(dockerRuns));
  const ratio = stevedoreMs / dockerMs;
  const verdict = `${ratio <= GOAL_RATIO ? 'meets' : 'misses'} the goal <= ${GOAL_RATIO}x`;
  const mbPerSecond = (ms) => `${((image.bytes / 1e6 / ms) * 1000).toFixed(0)} MB/s`;
  const spread = (runs) => {
    const ms = times(runs);
    return `${ms.map(formatMs).join(', ')} (min ${formatMs(Math.min(...ms))}, max ${formatMs(Math.max(...ms))})`;
  };
  /** What GNU time or /proc told of the runs, summed up by `summary`; `unknown` when nothing. */
  const known = (runs, key, summary) => {
    const values = runs.map((push) => push[key]).filter((value) => value !== undefined);
    return values.length === 0 ? 'unknown' : summary(values);
  };
  const peakRss = (runs) => known(runs, 'rss', (values) => formatBytes(Math.max(...values)));
  const cpu = (runs, key) => known(runs, key, (values) => `${median(values).toFixed(2)} s`);

  const what = `push of ${formatBytes(image.bytes)} (${LAYER_COUNT} layers) engine to registry`;
  console.log(
    `${what}: stevedore ${formatMs(stevedoreMs)} (${mbPerSecond(stevedoreMs)}), docker push ${formatMs(dockerMs)} (${mbPerSecond(dockerMs)}), ratio ${ratio.toFixed(2)}x (${verdict}; medians of ${stevedoreRuns.length} alternating runs)`,
  );
  // Each round's two pushes ran back to back: their ratio is the least touched by a busy spell.
  const roundRatios = stevedoreRuns.map((push, index) => (push.ms / dockerRuns[index].ms).toFixed(2));
  console.log(
    `${what}: stevedore runs ${spread(stevedoreRuns)}; docker push runs ${spread(dockerRuns)}; ratio per round ${roundRatios.join(', ')}x`,
  );
  console.log(
    `${what}: peak RSS stevedore ${peakRss(stevedoreRuns)}, docker CLI ${peakRss(dockerRuns)}; CPU (medians) stevedore ${cpu(stevedoreRuns, 'cpuSeconds')}, docker CLI ${cpu(dockerRuns, 'cpuSeconds')}; the engine's CPU per push ${cpu(stevedoreRuns, 'engineCpuSeconds')} for stevedore, ${cpu(dockerRuns, 'engineCpuSeconds')} for docker`,
  );
  console.log(
    `${what}: load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (${cpus().length} CPUs)`,
  );
  return {
    name: `push (${formatBytes(image.bytes)})`,
    result: `stevedore ${formatMs(stevedoreMs)}, docker push ${formatMs(dockerMs)}, ratio ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO}x), peak RSS ${peakRss(stevedoreRuns)}`,
  };
}

function positiveInteger(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name}=${text}: expected a positive whole number`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
