import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { link } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import type { App } from '../../src-main/ipc/app.js';
import type { PushResult } from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { CLI, isolatedCliEnv, requireBuiltCli } from '../support/cli.js';
import {
  type FaultRegistries,
  partsOf,
  startFaultRegistries,
  transferCutMidway,
} from '../support/fault-registries.js';
import type { Registry } from '../support/registry.js';
import { skopeoDigest } from '../support/skopeo.js';

/**
 * Pushes through the engine when something goes wrong on the way: the registry dies mid-push,
 * the engine is gone, the login is wrong or missing, the registry's disk is full. Each ends in a
 * clear error with the next step, never in a success; after the fault is gone a push completes.
 * The engine retries a failed layer 5 times (5, 10, 15, 20 s apart) before it gives up: the
 * registry faults take about 50 s each.
 */

const dockerHost = inject('dockerHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const run = randomUUID().slice(0, 8);
const local = `stevedore-faults-${run}/app:1`;
const USER = { user: 'fault-pusher', password: 'right-secret' };
/** The engine gives up on a layer after about 50 s of retries. */
const ENGINE_GIVES_UP_MS = 150_000;

let faults: FaultRegistries;
let work: string;
let app: App;
let imageId: string;
let flaky: Registry;
let full: Registry;
let guarded: Registry;

beforeAll(async () => {
  faults = await startFaultRegistries({ name: 'push-faults', dockerHost, user: USER });
  ({ work, app, flaky, full, guarded } = faults);
  // A small layer that is on the registry at once, and 32 MiB that take a while (and fill 16 MiB).
  imageId = await buildLayeredImage(docker, local, [
    Buffer.from(`small layer ${run}`),
    randomBytes(32 * 1024 * 1024),
  ]);
}, 180_000);

afterAll(async () => {
  await faults?.stop();
  if (imageId) await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
});

describe('a registry that dies mid-push', () => {
  it(
    'fails the push naming the registry and the next step; after a restart the push skips what it has',
    async () => {
      const target = `${flaky.host}/faults-${run}/app:1`;
      const oneDone = (parts: TaskPart[]) => parts.some((part) => part.state === 'done');
      const broken = await transferCutMidway(app, flaky, 'images.push', oneDone, () =>
        runTask(app, 'images.push', { image: local, target }),
      );
      expect(broken.final.error?.message).toMatch(
        new RegExp(`^Cannot reach ${flaky.host} \\(.+\\)\\. Check that it is running .+then push again`),
      );
      expect(
        partsOf(broken.final)
          .map((part) => part.state)
          .sort(),
      ).toEqual(['done', 'failed']);

      await flaky.start();
      const again = await runTask(app, 'images.push', { image: local, target });
      expect(again.final.error).toBeUndefined();
      expect(again.final.state).toBe('succeeded');
      const parts = partsOf(again.final);
      expect(parts.map((part) => [part.state, part.outcome]).sort()).toEqual([
        ['done', 'uploaded'],
        ['skipped', 'exists'],
      ]);
      expect((again.final.result as PushResult).digest).toBe(await skopeoDigest(target, work));
    },
    2 * ENGINE_GIVES_UP_MS,
  );
});

describe('an engine that is gone', () => {
  it('fails push and pull with ENGINE_UNREACHABLE, naming the socket and what to do', async () => {
    const dead = await deadSocket(work);
    const engineId = `unix://${dead}`;
    const push = await runTask(app, 'images.push', { engineId, image: local, target: `${flaky.host}/x/y:1` });
    const pull = await runTask(app, 'images.pull', { engineId, reference: `${flaky.host}/x/y:1` });
    for (const { final } of [push, pull]) {
      expect(final.state).toBe('failed');
      expect(final.error?.code).toBe('ENGINE_UNREACHABLE');
      expect(final.error?.message).toBe(
        `No Docker Engine answers at ${engineId}: nothing listens on the socket. Start Docker, or set DOCKER_HOST.`,
      );
    }
  });
});

describe('logins the registry refuses', () => {
  const target = () => `${guarded.host}/faults-${run}/app:1`;

  it('a wrong stored login: UNAUTHORIZED, log in again', async () => {
    const { final } = await runTask(app, 'images.push', { image: local, target: target() });
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('UNAUTHORIZED');
    expect(final.error?.message).toContain(
      `Log in again (stevedore login ${guarded.host}), then push again.`,
    );
  });

  it('no login at all: UNAUTHORIZED, log in', async () => {
    unwrap(await app.dispatch('registries.logout', { host: guarded.host }));
    const { final } = await runTask(app, 'images.push', { image: local, target: target() });
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('UNAUTHORIZED');
    expect(final.error?.message).toBe(
      `${guarded.host} needs a login to push (no basic auth credentials). Log in (stevedore login ${guarded.host}), then push again.`,
    );
  });
});

describe('a registry whose disk is full', () => {
  it(
    'fails the push, in the app and the CLI, saying to free space on the registry',
    async () => {
      requireBuiltCli();
      const target = `${full.host}/faults-${run}/app:1`;
      // The engine takes about 50 s to give up: both at once.
      const [task, cli] = await Promise.all([
        runTask(app, 'images.push', { image: local, target }),
        runLongCli(['push', local, `${full.host}/faults-${run}/cli:1`], isolatedCliEnv(work, dockerHost)),
      ]);

      expect(task.final.state).toBe('failed');
      expect(task.final.result).toBeUndefined();
      expect(task.final.error?.code).toBe('REGISTRY_ERROR');
      expect(task.final.error?.message).toMatch(
        new RegExp(
          `^${full.host} failed to store the push \\(.+\\); a full disk is the usual cause\\. Free space on the registry \\(its log says more\\), then push again\\.$`,
        ),
      );
      expect(partsOf(task.final).some((part) => part.state === 'failed')).toBe(true);

      expect(cli.code).toBe(1);
      expect(cli.stdout).toBe('');
      const lastLine = cli.stderr.trimEnd().split('\n').at(-1);
      expect(lastLine).toMatch(
        new RegExp(`^stevedore: ${full.host} failed to store the push .+Free space on the registry`),
      );
    },
    2 * ENGINE_GIVES_UP_MS,
  );
});

/**
 * Builds `FROM scratch` with one COPY per layer, so the image has that many layers (the shared
 * helper copies everything in one). Resolves with the image id.
 */
async function buildLayeredImage(engine: Dockerode, tag: string, layers: Buffer[]): Promise<string> {
  const pack = tar.pack();
  const names = layers.map((_, index) => `layer-${index}.bin`);
  pack.entry({ name: 'Dockerfile' }, ['FROM scratch', ...names.map((name) => `COPY ${name} /`)].join('\n'));
  for (const [index, layer] of layers.entries()) pack.entry({ name: names[index] as string }, layer);
  pack.finalize();
  const stream = await engine.buildImage(Readable.from(pack), { t: tag, rm: true, forcerm: true });
  const output = await new Promise<{ error?: string; aux?: { ID?: string } }[]>((resolve, reject) =>
    engine.modem.followProgress(stream, (error: Error | null, messages) =>
      error ? reject(error) : resolve(messages),
    ),
  );
  const failed = output.find((message) => message.error);
  if (failed) throw new Error(`docker build of ${tag} failed: ${failed.error}`);
  return output.find((message) => message.aux?.ID)?.aux?.ID ?? (await engine.getImage(tag).inspect()).Id;
}

/** A unix socket file nothing listens on: a hard link to a server's socket, outliving the server. */
async function deadSocket(dir: string): Promise<string> {
  const live = join(dir, 'live.sock');
  const dead = join(dir, 'dead.sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(live, resolve));
  await link(live, dead);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return dead;
}

/** The built CLI run to its end, given as long as the engine takes to give up (runCli allows 60 s). */
function runLongCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env, timeout: ENGINE_GIVES_UP_MS },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}
