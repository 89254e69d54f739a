import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDockerd } from './lib/dockerd.js';
import { writeImageArchive } from './lib/image-archive.js';
import { formatBytes, formatMs, median, peakRssBytes, runCommand, timeRuns } from './lib/measure.js';

/**
 * `stevedore images --json` against `docker images` on the same private engine holding
 * IMAGE_COUNT distinct images, loaded in one `docker load` of an archive we generate.
 */
const IMAGE_COUNT = 1000;
const RUNS = 5;
const cli = resolve(import.meta.dirname, '../out/main/cli.js');
// The distribution's CLI (20.10, like the engine); a newer docker may be first on PATH.
const docker = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const engine = await startDockerd();
  try {
    // A fresh settings folder: the user's saved engines must not decide which engine we list.
    const env = {
      ...process.env,
      DOCKER_HOST: engine.host,
      STEVEDORE_CONFIG_DIR: join(engine.dir, 'config'),
    };
    await loadImages(engine, env);

    const stevedoreArgs = [cli, 'images', '--json'];
    const dockerArgs = ['images', '--no-trunc', '--format', '{{json .}}'];
    checkSameImages(
      (await runCommand(process.execPath, stevedoreArgs, { env })).stdout,
      (await runCommand(docker, dockerArgs, { env })).stdout,
    );

    const stevedoreMs = median(await timeRuns(process.execPath, stevedoreArgs, { env, runs: RUNS }));
    const dockerMs = median(await timeRuns(docker, dockerArgs, { env, runs: RUNS }));
    const rss = await peakRssBytes(process.execPath, stevedoreArgs, { env });
    const ratio = `${(stevedoreMs / dockerMs).toFixed(2)}x`;

    console.log(
      `images --json on ${IMAGE_COUNT} images: stevedore ${formatMs(stevedoreMs)}, docker ${formatMs(dockerMs)}, ratio ${ratio} (median of ${RUNS} after a warm-up)`,
    );
    console.log(`images --json on ${IMAGE_COUNT} images: stevedore peak RSS ${formatBytes(rss)}`);
    return {
      name: `images --json (${IMAGE_COUNT} images)`,
      result: `stevedore ${formatMs(stevedoreMs)}, docker ${formatMs(dockerMs)}, ratio ${ratio}, peak RSS ${formatBytes(rss)}`,
    };
  } finally {
    await engine.stop();
  }
}

async function loadImages(engine, env) {
  const archive = join(engine.dir, 'images.tar');
  const started = Date.now();
  await writeImageArchive(archive, { count: IMAGE_COUNT });
  await runCommand(docker, ['load', '--quiet', '--input', archive], { env });
  const ids = (await runCommand(docker, ['images', '--quiet', '--no-trunc'], { env })).stdout
    .trim()
    .split('\n');
  if (new Set(ids).size !== IMAGE_COUNT) {
    throw new Error(`the engine holds ${new Set(ids).size} images after the load, expected ${IMAGE_COUNT}`);
  }
  console.log(`loaded ${IMAGE_COUNT} images in one docker load: ${formatMs(Date.now() - started)}`);
}

/** A bench of wrong output measures nothing: both tools must list the same image ids. */
function checkSameImages(stevedoreStdout, dockerStdout) {
  const ours = new Set(JSON.parse(stevedoreStdout).map((image) => image.id));
  const theirs = new Set(
    dockerStdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).ID),
  );
  const missing = [...theirs].filter((id) => !ours.has(id));
  if (ours.size !== theirs.size || missing.length > 0) {
    throw new Error(
      `stevedore listed ${ours.size} images, docker ${theirs.size}; missing e.g. ${missing[0]}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
