import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { type Browser, launchBrowser } from '../support/browser.js';
import { isolatedCliEnv, startServe } from '../support/cli.js';
import { buildScratchImage } from '../support/images.js';
import { type Registry, startRegistry } from '../support/registry.js';

/**
 * Pushing as a user does it in browser mode: the real `serve`, headless Chromium, the private
 * dockerd and the CNCF registry of the run. The push dialog is opened every way it can be (toolbar,
 * P, right-click, drag onto the registry), the pre-check is read, the push runs, and what the
 * dialog says is checked against the registry itself.
 */
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');
const dockerHost = inject('dockerHost');
const registry = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const run = randomUUID().slice(0, 8);
const repository = `e2e-push-${run}/app`;
const source = `${repository}:1.0`;
const target = `${registry}/${repository}:1.0`;
const REGISTRY_NAME = 'Lab';
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
let imageId: string;
/** Another image, to find the tag naming something else. */
let otherId: string;
const otherSource = `e2e-push-${run}/other:1.0`;
/** A registry that wants a password, for the pre-check's "Log in…". */
let locked: Registry;
const alice = { user: 'alice', password: 'wonderland' };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-e2e-push-'));
  await mkdir(ARTIFACTS, { recursive: true });
  // Random bytes do not compress: the layer is big enough for the bars to have something to show.
  imageId = await buildScratchImage(docker, source, { 'data.bin': randomBytes(4 * 1024 * 1024) });
  otherId = await buildScratchImage(docker, otherSource, { 'other.txt': `other ${run}` });
  locked = await startRegistry({ htpasswd: alice });
  serve = await startServe(isolatedCliEnv(work, dockerHost));
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(serve.url).origin,
  });
  page = await browser.context.newPage();
  await page.goto(serve.url);
  await page.getByTestId('image-row').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await locked?.stop();
  for (const id of [imageId, otherId]) {
    if (id)
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => {});
  }
  if (work) await rm(work, { recursive: true, force: true });
});

const tid = (id: string) => page.getByTestId(id);
const row = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);
const dialog = () => tid('push-dialog');

/** The digest the registry serves for the tag, from its own answer to a HEAD. */
async function registryDigest(repo: string, tag: string, host = registry): Promise<string | null> {
  const basic = Buffer.from(`${alice.user}:${alice.password}`).toString('base64');
  const response = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_TYPES, ...(host === locked.host ? { authorization: `Basic ${basic}` } : {}) },
  });
  expect(response.status).toBe(200);
  return response.headers.get('docker-content-digest');
}

async function addRegistry(host: string, name: string) {
  await tid('registry-add').click();
  await tid('registry-add-host').fill(host);
  await tid('registry-add-name').fill(name);
  await tid('registry-add-submit').click();
  await page.locator('[data-testid="registry-test-result"][data-reachable]').waitFor();
  await tid('registry-add-done').click();
  await page.locator(`[data-testid="nav-registry"][data-host="${host}"]`).waitFor();
}

async function chooseRegistry(name = REGISTRY_NAME, host = registry) {
  await tid('push-registry').click();
  await page.getByRole('option', { name: `${name} (${host})` }).click();
}

async function waitForPlan(reference = target) {
  await dialog()
    .locator(`[data-testid="push-plan"][data-state="ready"][data-target="${reference}"]`)
    .waitFor();
}

async function closeDialog() {
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached' });
}

describe('Push in the browser', () => {
  it('knows the test registries', async () => {
    await addRegistry(registry, REGISTRY_NAME);
    await addRegistry(locked.host, 'Locked');
  });

  it('opens from the toolbar, prefilled from the image, and pre-checks the push', async () => {
    await row(source).click();
    await tid('images-push').click();
    await dialog().waitFor();
    expect(await tid('push-repository').inputValue()).toBe(repository);
    expect(await tid('push-tag').inputValue()).toBe('1.0');
    await chooseRegistry();
    await expect.poll(() => tid('push-reference').getAttribute('data-reference')).toBe(target);
    await waitForPlan();
    expect(await tid('plan-access').getAttribute('data-state')).toBe('granted');
    expect(await tid('plan-remote').getAttribute('data-state')).toBe('absent');
    const states = await dialog()
      .locator('[data-testid="plan-layer"]')
      .evaluateAll((layers) => layers.map((layer) => layer.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(states).toContain('upload');
    await page.screenshot({ path: join(ARTIFACTS, 'push-dialog.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS, 'push-dialog-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('pushes with progress, and shows the digest the registry serves', async () => {
    await tid('push-submit').click();
    await page.locator('[data-testid="push-dialog"][data-mode="run"]').waitFor();
    await tid('transfer-progress').waitFor();
    await tid('transfer-overall').waitFor();
    const done = tid('transfer-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await tid('transfer-overall').getAttribute('data-percent')).toBe('100');
    const parts = await tid('transfer-part').evaluateAll((bars) =>
      bars.map((bar) => [bar.getAttribute('data-state'), bar.getAttribute('data-percent')]),
    );
    expect(parts.length).toBeGreaterThan(0);
    for (const [, percent] of parts) expect(percent).toBe('100');
    const shown = await done.getAttribute('data-digest');
    expect(shown).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(shown).toBe(await registryDigest(repository, '1.0'));
    expect(await done.textContent()).toContain(shown);
    await page.screenshot({ path: join(ARTIFACTS, 'push-done.png') });
  });

  it('copies the pull command, by tag and by digest', async () => {
    const digest = await tid('transfer-done').getAttribute('data-digest');
    await tid('copy-pull').click();
    const byTag = tid('copy-pull-tag');
    expect(await byTag.getAttribute('data-command')).toBe(`docker pull ${target}`);
    await byTag.click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(`docker pull ${target}`);
    expect(await tid('copy-pull-digest').getAttribute('data-command')).toBe(
      `docker pull ${registry}/${repository}@${digest}`,
    );
    await page.keyboard.press('Escape');
    await closeDialog();
  });

  it('opens with P on the selected image: the pre-check says up to date, every layer present', async () => {
    await row(source).click();
    await page.keyboard.press('p');
    await dialog().waitFor();
    // The registry of the last push is chosen again.
    await expect.poll(() => tid('push-reference').getAttribute('data-reference')).toBe(target);
    await waitForPlan();
    expect(await tid('plan-remote').getAttribute('data-state')).toBe('same');
    const states = await dialog()
      .locator('[data-testid="plan-layer"]')
      .evaluateAll((layers) => layers.map((layer) => layer.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['present']));
    await closeDialog();
  });

  it('warns when the tag names another image, showing its digest, and still allows the push', async () => {
    const current = await registryDigest(repository, '1.0');
    await row(otherSource).click();
    await tid('images-push').click();
    await dialog().waitFor();
    await chooseRegistry();
    await tid('push-repository').fill(repository);
    await waitForPlan();
    expect(await tid('plan-remote').getAttribute('data-state')).toBe('different');
    expect(await tid('plan-remote').textContent()).toContain(current);
    expect(await tid('push-submit').isDisabled()).toBe(false);
    await closeDialog();
  });

  it('opens from the row menu and by dragging the row onto the registry', async () => {
    await row(source).click({ button: 'right' });
    await tid('row-menu-push').click();
    await dialog().waitFor();
    await closeDialog();

    await row(source).dragTo(page.locator(`[data-testid="nav-registry"][data-host="${registry}"]`));
    await dialog().waitFor();
    // Dropped on the registry: that registry is chosen, whatever the last push was.
    await expect.poll(() => tid('push-reference').getAttribute('data-reference')).toBe(target);
    await closeDialog();
  });

  it('offers a login where the registry wants one, checks again, and then pushes', async () => {
    const lockedTarget = `${locked.host}/${repository}:1.0`;
    await row(source).click();
    await tid('images-push').click();
    await dialog().waitFor();
    await chooseRegistry('Locked', locked.host);
    await waitForPlan(lockedTarget);
    expect(await tid('plan-access').getAttribute('data-state')).toBe('login-required');
    await tid('plan-login').click();
    await tid('login-username').fill(alice.user);
    await tid('login-password').fill(alice.password);
    await tid('login-submit').click();
    await tid('login-dialog').waitFor({ state: 'detached' });
    await dialog().locator('[data-testid="plan-access"][data-state="granted"]').waitFor();
    expect(await tid('plan-access').textContent()).toContain(alice.user);
    await tid('push-submit').click();
    const done = tid('transfer-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-digest')).toBe(await registryDigest(repository, '1.0', locked.host));
    await closeDialog();
  });

  it('keeps the pushes in the tasks drawer, with parts and digest, after a reload', async () => {
    const digest = await registryDigest(repository, '1.0');
    await page.reload();
    await page.getByTestId('image-row').first().waitFor();
    await tid('tasks-button').click();
    const pushed = page.locator(`[data-testid="task-item"][data-state="succeeded"]`, {
      has: page.locator(`[data-testid="task-outcome"][data-reference="${target}"]`),
    });
    await pushed.first().waitFor();
    expect(await pushed.first().locator('[data-testid="task-outcome"]').getAttribute('data-digest')).toBe(
      digest,
    );
    await pushed.first().getByTestId('task-parts-toggle').click();
    await pushed.first().getByTestId('transfer-part').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'push-tasks-drawer.png') });
    await page.keyboard.press('Escape');
  });
});
