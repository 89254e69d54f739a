import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  ARTIFACTS,
  addRegistry,
  registryDigest as digestOf,
  openApp,
  screenshots,
} from '../support/e2e-app.js';
import { buildScratchImage, removeImages } from '../support/images.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { runServers } from '../support/run-servers.js';

/**
 * Pushing as a user does it in browser mode: the real `serve`, headless Chromium, the private
 * dockerd and the CNCF registry of the run. The push dialog is opened every way it can be (toolbar,
 * P, right-click, drag onto the registry), the pre-check is read, the push runs, and what the
 * dialog says is checked against the registry itself.
 */
const { dockerHost, registry, docker, run } = runServers();
const repository = `e2e-push-${run}/app`;
const source = `${repository}:1.0`;
const target = `${registry}/${repository}:1.0`;
const REGISTRY_NAME = 'Lab';

let app: App;
let page: Page;
let imageId: string;
/** Another image, to find the tag naming something else. */
let otherId: string;
const otherSource = `e2e-push-${run}/other:1.0`;
/** A registry that wants a password, for the pre-check's "Log in…". */
let locked: Registry;
const alice = { user: 'alice', password: 'wonderland' };

beforeAll(async () => {
  // Random bytes do not compress: the layer is big enough for the bars to have something to show.
  imageId = await buildScratchImage(docker, source, { 'data.bin': randomBytes(4 * 1024 * 1024) });
  otherId = await buildScratchImage(docker, otherSource, { 'other.txt': `other ${run}` });
  locked = await startRegistry({ htpasswd: alice });
  app = await openApp({ name: 'push', dockerHost, ready: 'image-row', clipboard: true });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await locked?.stop();
  await removeImages(docker, [imageId, otherId]);
});

const tid = (id: string) => page.getByTestId(id);
const row = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);
const dialog = () => tid('push-dialog');

/** The digest the registry serves for the tag; the locked registry is asked as alice. */
function registryDigest(repo: string, tag: string, host = registry): Promise<string | null> {
  return digestOf(host, repo, tag, host === locked.host ? alice : undefined);
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
    await addRegistry(page, registry, REGISTRY_NAME);
    await addRegistry(page, locked.host, 'Locked');
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
    await screenshots(page, 'push-dialog');
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
