import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  ARTIFACTS,
  addRegistry,
  registryDigest as digestOf,
  openApp,
  openTag as openTagIn,
} from '../support/e2e-app.js';
import { buildScratchImage, removeImages } from '../support/images.js';
import { type PushedIndex, pushIndex } from '../support/registry-content.js';
import { runServers } from '../support/run-servers.js';

/**
 * Pull and copy as a user does them in browser mode: pull a registry tag from its detail into the
 * engine and find it in Local Images; pull by typing a reference; copy a tag, and a whole
 * multi-platform index, to another repository and find them there. Real dockerd, real registry.
 */
const { dockerHost, registry, docker, run } = runServers();
const app = `e2e-pull-${run}/app`;
const copied = `e2e-pull-${run}/copied`;
const multi = `e2e-pull-${run}/multi`;

let stevedore: App;
let page: Page;
let index: PushedIndex;

/** Builds an image, pushes it with the engine, then removes it locally: only the registry has it. */
async function seedRegistryImage(reference: string): Promise<void> {
  const id = await buildScratchImage(docker, reference, { 'hello.txt': `hello ${run}` });
  const slash = reference.lastIndexOf(':');
  const stream = await docker.getImage(reference.slice(0, slash)).push({ tag: reference.slice(slash + 1) });
  await new Promise<void>((done, fail) =>
    docker.modem.followProgress(stream, (error: Error | null, lines: { error?: string }[]) => {
      const failure = error?.message ?? lines.find((line) => line.error)?.error;
      if (failure) fail(new Error(`push of ${reference} failed: ${failure}`));
      else done();
    }),
  );
  await docker.getImage(id).remove({ force: true });
}

beforeAll(async () => {
  await seedRegistryImage(`${registry}/${app}:1.0`);
  index = await pushIndex(registry, multi, 'v1', [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  stevedore = await openApp({ name: 'pull', dockerHost, ready: 'images-pull' });
  page = stevedore.page;
});

afterAll(async () => {
  await stevedore?.close();
  await removeImages(docker, [`${registry}/${app}:1.0`, `${registry}/${copied}:c1`]);
});

const tid = (id: string) => page.getByTestId(id);
const imageRow = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);

const registryDigest = (repo: string, tag: string) => digestOf(registry, repo, tag);
const openTag = (repo: string, tag: string) => openTagIn(page, registry, repo, tag);

async function closeDialog(testId: string) {
  await tid('transfer-close').click();
  await tid(testId).waitFor({ state: 'detached' });
}

describe('Pull and copy in the browser', () => {
  it('knows the test registry', async () => {
    await addRegistry(page, registry, 'Lab');
  });

  it('pulls a tag from its detail into the engine, and Local Images shows it', async () => {
    await openTag(app, '1.0');
    await tid('tag-pull').click();
    await page.locator('[data-testid="pull-dialog"][data-mode="run"]').waitFor();
    const done = tid('transfer-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-digest')).toBe(await registryDigest(app, '1.0'));
    expect(await tid('transfer-overall').getAttribute('data-percent')).toBe('100');
    await page.screenshot({ path: join(ARTIFACTS, 'pull-done.png') });
    await closeDialog('pull-dialog');

    const inspected = await docker.getImage(`${registry}/${app}:1.0`).inspect();
    await tid('nav-images').click();
    const row = imageRow(`${registry}/${app}:1.0`);
    await row.waitFor();
    expect(await row.getAttribute('data-image-id')).toBe(inspected.Id);
  });

  it('copies a tag to another repository, and the registry and the app have it', async () => {
    await openTag(app, '1.0');
    const source = await registryDigest(app, '1.0');
    await tid('tag-copy').click();
    await tid('copy-dialog').waitFor();
    expect(await tid('copy-repository').inputValue()).toBe(app);
    expect(await tid('copy-tag').inputValue()).toBe('1.0');
    // The source itself is not a destination.
    await tid('copy-same').waitFor();
    expect(await tid('copy-submit').isDisabled()).toBe(true);
    // A single image: no platforms to choose.
    expect(await tid('copy-all-platforms').count()).toBe(0);
    await tid('copy-repository').fill(copied);
    await tid('copy-tag').fill('c1');
    await expect
      .poll(() => tid('copy-reference').getAttribute('data-reference'))
      .toBe(`${registry}/${copied}:c1`);
    await tid('copy-submit').click();
    const done = tid('transfer-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-digest')).toBe(source);
    expect(await registryDigest(copied, 'c1')).toBe(source);
    await closeDialog('copy-dialog');

    await openTag(copied, 'c1');
    expect(await tid('tag-detail').getAttribute('data-digest')).toBe(source);
  });

  it('copies every platform of an index when asked, digest kept', async () => {
    await openTag(multi, 'v1');
    await tid('tag-copy').click();
    const all = tid('copy-all-platforms');
    expect(await all.isChecked()).toBe(true);
    await tid('copy-tag').fill('all');
    await tid('copy-submit').click();
    const done = tid('transfer-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-digest')).toBe(index.digest);
    expect(await registryDigest(multi, 'all')).toBe(index.digest);
    await page.screenshot({ path: join(ARTIFACTS, 'copy-done.png') });
    await closeDialog('copy-dialog');
  });

  it('pulls by a typed reference from Local Images, refusing a bad one', async () => {
    await tid('nav-images').click();
    await tid('images-pull').click();
    await tid('pull-dialog').waitFor();
    await tid('pull-reference').fill('https://example.com/app');
    expect(await tid('pull-submit').isDisabled()).toBe(true);
    expect(await tid('pull-dialog').textContent()).toContain('URL scheme');
    await tid('pull-reference').fill(`${registry}/${copied}:c1`);
    await tid('pull-submit').click();
    await tid('transfer-done').waitFor({ timeout: 60_000 });
    await closeDialog('pull-dialog');
    await imageRow(`${registry}/${copied}:c1`).waitFor();
  });
});
