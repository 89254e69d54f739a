import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from './lib/bundle-entry.js';
import { isolatedEnv } from './lib/isolated-env.js';
import { formatBytes, formatMs, median, peakRssBytes, runCommand } from './lib/measure.js';
import { rawInspect } from './lib/raw-inspect.js';
import { startRegistry } from './lib/registry.js';
import { pushTaggedImages } from './lib/registry-push.js';

/**
 * Inspecting every tag of a repository of TAG_COUNT tags (manifest + config each; every tag has
 * its own config, so nothing is shared or cached) on a real registry:
 * - stevedore: core's `tagDetails` over all of them in ONE process, as the tag table does it,
 *   with an empty content cache on every run (bench/entry/tag-details.ts, bundled for the run);
 * - skopeo: `skopeo inspect` once per tag, the way a script does it without Stevedore, timed on a
 *   sample of SKOPEO_SAMPLE tags one after another and scaled to TAG_COUNT;
 * - raw: a tight loop of GET manifest + GET config, CONCURRENCY at a time, no checks: the
 *   registry's capacity, which no client can beat.
 * Stevedore and raw run in alternating rounds, so a busy machine slows both alike.
 */
const TAG_COUNT = 1000;
const REPO = 'bench/tagged';
const ROUNDS = 5;
const CONCURRENCY = 16;
/** What the app's `tags.details` handler uses: tagDetails' default. */
const APP_CONCURRENCY = 8;
const SKOPEO_SAMPLE = 100;
const CLI_SAMPLE = 20;
const GOAL_VS_SKOPEO = 20;
const GOAL_VS_RAW = 0.7;
const cli = resolve(import.meta.dirname, '../out/main/cli.js');
const entry = resolve(import.meta.dirname, 'entry/tag-details.ts');

export async function run() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx electron-vite build)`);
  const bundle = await bundleEntry(entry);
  const registry = await startRegistry().catch((error) => {
    bundle.dispose();
    throw error;
  });
  const homes = [];
  const freshEnv = () => {
    const home = mkdtempSync(join(tmpdir(), 'stevedore-bench-inspect-'));
    homes.push(home);
    return isolatedEnv(home);
  };
  try {
    const tags = Array.from({ length: TAG_COUNT }, (_, index) => `v${String(index).padStart(4, '0')}`);
    const pushing = Date.now();
    await pushTaggedImages(registry.url, REPO, tags, { concurrency: CONCURRENCY });
    console.log(
      `pushed ${REPO} with ${TAG_COUNT} tags (own config and manifest each): ${formatMs(Date.now() - pushing)}`,
    );

    const stevedore = (concurrency) => tagDetailsRun(bundle.path, registry.host, concurrency, freshEnv());
    const raw = async () => {
      const started = process.hrtime.bigint();
      const created = await rawInspect(registry.url, REPO, tags, { concurrency: CONCURRENCY });
      if (new Set(created).size !== TAG_COUNT) throw new Error('the raw loop did not read every config');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    // One untimed round warms the registry's own caches and the OS's for both.
    await raw();
    await stevedore(CONCURRENCY);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.push({
        raw: await raw(),
        ours: await stevedore(CONCURRENCY),
        app: await stevedore(APP_CONCURRENCY),
      });
    }
    const rawMs = median(rounds.map((r) => r.raw));
    const oursMs = median(rounds.map((r) => r.ours.inspectMs));
    const oursProcessMs = median(rounds.map((r) => r.ours.processMs));
    const appMs = median(rounds.map((r) => r.app.inspectMs));
    const rss = await peakRssBytes(
      process.execPath,
      [bundle.path, registry.host, REPO, String(CONCURRENCY)],
      {
        env: freshEnv(),
      },
    );

    const skopeoEach = await sampleEach(tags, SKOPEO_SAMPLE, (tag) =>
      runCommand('skopeo', ['inspect', '--tls-verify=false', `docker://${registry.host}/${REPO}:${tag}`], {
        env: freshEnv(),
      }),
    );
    const cliEnv = freshEnv();
    const cliEach = await sampleEach(tags, CLI_SAMPLE, (tag) =>
      runCommand(process.execPath, [cli, 'inspect', `${registry.host}/${REPO}:${tag}`, '--json'], {
        env: cliEnv,
      }),
    );
    const skopeoScaledMs = skopeoEach * TAG_COUNT;

    const perSecond = (ms) => (TAG_COUNT / ms) * 1000;
    const vsSkopeo = skopeoScaledMs / oursProcessMs;
    const vsRaw = perSecond(oursMs) / perSecond(rawMs);
    const what = `inspect ${TAG_COUNT} tags`;
    const meets = (ok) => (ok ? 'meets' : 'misses');
    console.log(
      `${what}: stevedore in one process ${formatMs(oursProcessMs)} (start-up and tag list included), skopeo inspect per tag ${formatMs(skopeoEach)} x ${TAG_COUNT} = ${formatMs(skopeoScaledMs)} (SCALED from ${SKOPEO_SAMPLE} sequential runs), stevedore ${vsSkopeo.toFixed(1)}x faster (${meets(vsSkopeo >= GOAL_VS_SKOPEO)} the goal >= ${GOAL_VS_SKOPEO}x)`,
    );
    console.log(
      `${what}: the ceiling: the raw loop (${formatMs(rawMs)}) is ${(skopeoScaledMs / rawMs).toFixed(1)}x faster than skopeo on this registry and machine; no client can beat that ratio`,
    );
    console.log(
      `${what}: tagDetails at concurrency ${CONCURRENCY} ${formatMs(oursMs)} = ${perSecond(oursMs).toFixed(0)} inspections/s, raw GET loop at concurrency ${CONCURRENCY} ${formatMs(rawMs)} = ${perSecond(rawMs).toFixed(0)} inspections/s, stevedore at ${(vsRaw * 100).toFixed(0)}% of raw (${meets(vsRaw >= GOAL_VS_RAW)} the goal >= ${GOAL_VS_RAW * 100}%; medians of ${ROUNDS} alternating rounds, empty content cache each run)`,
    );
    console.log(
      `${what}: tagDetails at the app's concurrency ${APP_CONCURRENCY} ${formatMs(appMs)} = ${perSecond(appMs).toFixed(0)} inspections/s (${((perSecond(appMs) / perSecond(rawMs)) * 100).toFixed(0)}% of raw at ${CONCURRENCY})`,
    );
    console.log(
      `${what}: one tag per process: stevedore inspect --json ${formatMs(cliEach)} (mean of ${CLI_SAMPLE}), skopeo inspect ${formatMs(skopeoEach)} (mean of ${SKOPEO_SAMPLE}); peak RSS of the one-process run ${formatBytes(rss)}`,
    );
    return {
      name: `inspect ${TAG_COUNT} tags`,
      result: `stevedore ${formatMs(oursProcessMs)} vs skopeo ${formatMs(skopeoScaledMs)} scaled (${vsSkopeo.toFixed(1)}x, goal >= ${GOAL_VS_SKOPEO}x); ${perSecond(oursMs).toFixed(0)}/s vs raw ${perSecond(rawMs).toFixed(0)}/s (${(vsRaw * 100).toFixed(0)}%, goal >= ${GOAL_VS_RAW * 100}%); peak RSS ${formatBytes(rss)}`,
    };
  } finally {
    await registry.stop();
    bundle.dispose();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  }
}

/** One run of the bundled entry: its own timings, and the wall time of the whole process. */
async function tagDetailsRun(entryPath, host, concurrency, env) {
  const { stdout, ms } = await runCommand(process.execPath, [entryPath, host, REPO, String(concurrency)], {
    env,
  });
  const report = JSON.parse(stdout);
  if (report.tags !== TAG_COUNT || report.inspected !== TAG_COUNT || report.withCreated !== TAG_COUNT) {
    throw new Error(
      `tagDetails saw ${report.tags} tags, inspected ${report.inspected}, read ${report.withCreated} configs`,
    );
  }
  return { ...report, processMs: ms };
}

/** Mean ms per call of `fn` over `count` tags spread over the list, one call at a time. */
async function sampleEach(tags, count, fn) {
  const step = Math.max(1, Math.floor(tags.length / count));
  const sample = tags.filter((_, index) => index % step === 0).slice(0, count);
  await fn(sample[0]);
  let total = 0;
  for (const tag of sample) total += (await fn(tag)).ms;
  return total / sample.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
