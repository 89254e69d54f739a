import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TaskPart, TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import { type Registry, type RegistryOptions, startRegistry } from './registry.js';

/**
 * Real registries that go wrong in the ways a transfer meets (push-faults, copy-faults): one to
 * kill mid-transfer and start again, one with a 16 MiB disk, one that wants a password the app
 * holds wrong (stored as `docker login` stores it). The app runs as in the window, over websocket.
 */
export interface FaultRegistries {
  /** Throwaway folder holding the app's config and docker config. */
  work: string;
  app: App;
  flaky: Registry;
  full: Registry;
  guarded: Registry;
  stop(): Promise<void>;
}

export async function startFaultRegistries(options: {
  name: string;
  dockerHost: string;
  /** The guarded registry's user; the app's stored login for it has a wrong password. */
  user: { user: string; password: string };
}): Promise<FaultRegistries> {
  const work = await mkdtemp(join(tmpdir(), `stevedore-${options.name}-`));
  const started: { app?: App; registries: Registry[] } = { registries: [] };
  const stop = async () => {
    await started.app?.close();
    await Promise.all(started.registries.map((registry) => registry.stop()));
    await rm(work, { recursive: true, force: true });
  };
  try {
    const start = async (registryOptions?: RegistryOptions) => {
      const registry = await startRegistry(registryOptions);
      started.registries.push(registry);
      return registry;
    };
    const [flaky, full, guarded] = await Promise.all([
      start(),
      start({ storageLimit: '16m' }),
      start({ htpasswd: options.user }),
    ]);
    const dockerConfig = join(work, 'docker-config');
    await mkdir(dockerConfig, { recursive: true });
    const wrong = Buffer.from(`${options.user.user}:wrong-secret`).toString('base64');
    await writeFile(
      join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [guarded.host]: { auth: wrong } } }),
    );
    const app = await createApp({
      env: { DOCKER_HOST: options.dockerHost, DOCKER_CONFIG: dockerConfig },
      configDir: join(work, 'config'),
      transport: 'websocket',
    });
    started.app = app;
    return { work, app, flaky, full, guarded, stop };
  } catch (error) {
    // A half-started set is stopped here: the test's afterAll has nothing to stop it with.
    await stop();
    throw error;
  }
}

/** The last state of each part, in the order the parts first appeared. */
export const partsOf = (snapshot: TaskSnapshot): TaskPart[] => snapshot.progress.parts ?? [];

/**
 * Runs the transfer `start` begins and kills `registry` the first time its `procedure` task is
 * sending a part's bytes and `ready` holds for its parts. Checks the registry was killed and the
 * task failed as unreachable with no result; resolves with the task for the test's own checks.
 */
export async function transferCutMidway(
  app: App,
  registry: Registry,
  procedure: string,
  ready: (parts: TaskPart[]) => boolean,
  start: () => Promise<{ final: TaskSnapshot }>,
): Promise<{ final: TaskSnapshot }> {
  let killed: Promise<void> | undefined;
  const stop = app.tasks.onUpdate((snapshot) => {
    const parts = partsOf(snapshot);
    const sending = parts.some((part) => part.state === 'running' && part.current > 0);
    if (!killed && snapshot.procedure === procedure && sending && ready(parts)) killed = registry.kill();
  });
  const broken = await start().finally(stop);
  await killed;

  expect(killed).toBeDefined();
  expect(broken.final.state).toBe('failed');
  expect(broken.final.result).toBeUndefined();
  expect(broken.final.error?.code).toBe('REGISTRY_UNREACHABLE');
  return broken;
}
