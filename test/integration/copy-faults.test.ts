import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import type { App } from '../../src-main/ipc/app.js';
import type { CopiedImage } from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { isolatedCliEnv, requireBuiltCli, runCli } from '../support/cli.js';
import {
  type FaultRegistries,
  partsOf,
  startFaultRegistries,
  transferCutMidway,
} from '../support/fault-registries.js';
import type { Registry } from '../support/registry.js';
import { type PushedManifest, pushImage } from '../support/registry-content.js';
import { skopeoDigest } from '../support/skopeo.js';

/**
 * Copies between registries when something goes wrong on the way: the destination dies mid-copy,
 * the login is wrong or missing, the destination's disk is full. Each ends in a clear error with
 * the next step and no tag written; once the fault is gone, copying again sends only what is missing.
 */

const source = inject('registryHost');
const run = randomUUID().slice(0, 8);
const sourceRepo = `copy-faults-${run}/app`;
const USER = { user: 'fault-copier', password: 'right-secret' };
const BIG = 128 * 1024 * 1024;

let faults: FaultRegistries;
let work: string;
let app: App;
let image: PushedManifest;
let flaky: Registry;
let full: Registry;
let guarded: Registry;

beforeAll(async () => {
  faults = await startFaultRegistries({ name: 'copy-faults', dockerHost: inject('dockerHost'), user: USER });
  ({ work, app, flaky, full, guarded } = faults);
  // A small layer sent at once, and 128 MiB still on their way when the registry goes (task
  // updates come at most every 100 ms) and that fill 16 MiB.
  image = await pushImage(source, sourceRepo, 'v1', {
    layers: [Buffer.from(`small layer ${run}`), randomBytes(BIG)],
  });
}, 120_000);

afterAll(async () => {
  await faults?.stop();
});

const copy = (target: string) =>
  runTask(app, 'registries.copy', { source: `${source}/${sourceRepo}:v1`, target });

describe('a destination that dies mid-copy', () => {
  it('fails the copy naming it and the next step; copying again after a restart sends only what is missing', async () => {
    const target = `${flaky.host}/faults-${run}/app:v1`;
    const twoDone = (parts: TaskPart[]) => parts.filter((part) => part.state === 'done').length === 2;
    const broken = await transferCutMidway(app, flaky, 'registries.copy', twoDone, () => copy(target));
    expect(broken.final.error?.message).toMatch(
      new RegExp(
        `^Cannot reach ${flaky.host}: .+ Nothing was tagged; once ${flaky.host} answers again, copy again: blobs it already has are not sent twice\\.$`,
      ),
    );
    expect(partsOf(broken.final).map((part) => part.state)).toEqual(['done', 'done', 'failed']);

    await flaky.start();
    const again = await copy(target);
    expect(again.final.error).toBeUndefined();
    expect(again.final.state).toBe('succeeded');
    expect((again.final.result as CopiedImage).digest).toBe(image.digest);
    expect(partsOf(again.final).map((part) => [part.state, part.outcome])).toEqual([
      ['skipped', 'exists'],
      ['skipped', 'exists'],
      ['done', 'uploaded'],
    ]);
    expect(await skopeoDigest(target, work)).toBe(image.digest);
  }, 120_000);
});

describe('logins the destination refuses', () => {
  const target = () => `${guarded.host}/faults-${run}/app:v1`;

  it('a wrong stored login: UNAUTHORIZED, log in again', async () => {
    const { final } = await copy(target());
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('UNAUTHORIZED');
    expect(final.error?.message).toContain(
      `log in again if the stored login is wrong (stevedore login ${guarded.host}), then copy again.`,
    );
  });

  it('no login at all: UNAUTHORIZED, log in', async () => {
    unwrap(await app.dispatch('registries.logout', { host: guarded.host }));
    const { final } = await copy(target());
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('UNAUTHORIZED');
    expect(final.error?.message).toMatch(
      new RegExp(
        `^${guarded.host} refused the copy without a valid login( \\(.+\\))?\\. Log in, or log in again`,
      ),
    );
  });
});

describe('a destination whose disk is full', () => {
  it('fails the copy, in the app and the CLI, saying the registry ran out of space', async () => {
    requireBuiltCli();
    const target = `${full.host}/faults-${run}/app:v1`;
    const expected = `${full.host} ran out of storage space (no space left on device). Free space on the registry, then copy again: blobs it already has are not sent twice.`;

    const { final } = await copy(target);
    expect(final.state).toBe('failed');
    expect(final.result).toBeUndefined();
    expect(final.error?.code).toBe('REGISTRY_ERROR');
    expect(final.error?.message).toBe(expected);
    expect(partsOf(final).find((part) => part.total === BIG)?.state).toBe('failed');
    await expect(skopeoDigest(target, work)).rejects.toThrow();

    const cli = await runCli(
      ['copy', `${source}/${sourceRepo}:v1`, `${full.host}/faults-${run}/cli:v1`],
      isolatedCliEnv(work, inject('dockerHost')),
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout.toString()).toBe('');
    expect(cli.stderr.trimEnd().split('\n').at(-1)).toBe(`stevedore: ${expected}`);
  }, 120_000);
});
