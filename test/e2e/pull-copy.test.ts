import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { type Browser, launchBrowser } from '../support/browser.js';
import { isolatedCliEnv, startServe } from '../support/cli.js';
import { buildScratchImage } from '../support/images.js';
import { type PushedIndex, pushIndex } from '../support/registry-content.js';

/**
 * Pull and copy as a user does them in browser mode: pull a registry tag from its detail into the
 * engine and find it in Local Images; pull by typing a reference; copy a tag, and a whole
 * multi-platform index, to another repository and find them there. Real dockerd, real registry.
 */
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');
const dockerHost = inject('dockerHost');
const registry = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const run = randomUUID().slice(0, 8);
const app = `e2e-pull-${run}/app`;
const copied = `e2e-pull-${run}/copied`;
const multi = `e2e-pull-${run}/multi`;
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

let work: string;
let serve: { url: string; stop(): Promise<void> };
let browser: Browser;
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
  work = await mkdtemp(join(tmpdir(), 'stevedore-e2e-pull-'));
  await mkdir(ARTIFACTS, { recursive: true });
  await seedRegistryImage(`${registry}/${app}:1.0`);
  index = await pushIndex(registry, multi, 'v1', [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  serve = await startServe(isolatedCliEnv(work, dockerHost));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(serve.url);
  await page.getByTestId('images-pull').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  for (const ref of [`${registry}/${app}:1.0`, `${registry}/${copied}:c1`]) {
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => {});
  }
  if (work) await rm(work, { recursive: true, force: true });
});

const tid = (id: string) => page.getByTestId(id);
const imageRow = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);

async function registryDigest(repo: string, tag: string): Promise<string | null> {
  const response = await fetch(`http://${registry}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_TYPES },
  });
  expect(response.status).toBe(200);
  return response.headers.get('docker-content-digest');
}

/** Registry → catalog filtered to `repo` → its tag list → `tag`'s detail. */
async function openTag(repo: string, tag: string) {
  await page.locator(`[data-testid="nav-registry"][data-host="${registry}"]`).click();
  await page.locator('[data-testid="catalog-count"][data-state="complete"]').waitFor();
  await tid('catalog-filter').fill(repo);
  await page.locator(`[data-testid="catalog-row"][data-repository="${repo}"]`).click();
  await tid('repo-view').waitFor();
  await page.locator(`[data-testid="tag-row"][data-tag="${tag}"]`).click();
  await page.locator(`[data-testid="tag-detail"][data-tag="${tag}"][data-digest]`).waitFor();
}

async function closeDialog(testId: string) {
  await tid('transfer-close').click();
  await tid(testId).waitFor({ state: 'detached' });
}

describe('Pull and copy in the browser', () => {
  it('knows the test registry', async () => {
    await tid('registry-add').click();
    await tid('registry-add-host').fill(registry);
    await tid('registry-add-name').fill('Lab');
    await tid('registry-add-submit').click();
    await page.locator('[data-testid="registry-test-result"][data-reachable]').waitFor();
    await tid('registry-add-done').click();
    await page.locator(`[data-testid="nav-registry"][data-host="${registry}"]`).waitFor();
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
