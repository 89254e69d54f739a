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
import { docker as dockerCli, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';

/**
 * Docker Content Trust as a user meets it in browser mode: the docker CLI signs pushes to the run's
 * registry through a real notary-server and notary-signer (a delegation signer included); the user
 * sets the notary server in Settings, reads the Trust tab (roles as a tree, signed tags, signers),
 * finds the root pinned, and signs the DCT-only tags with cosign from the repository's panel.
 */
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');
const dockerHost = inject('dockerHost');
const registry = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const run = randomUUID().slice(0, 8);
const dctRepository = `e2e-trust-dct-${run}`;
const dctRef = `${registry}/${dctRepository}`;
const PASSWORD = 'correct horse battery staple';

let notary: NotaryServers;
let work: string;
let serve: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
const images: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-e2e-trust-dct-'));
  await mkdir(ARTIFACTS, { recursive: true });
  notary = await startNotary();
  const env = await dockerTrustEnv(work, dockerHost, notary);
  const push = async (tag: string) => {
    images.push(await buildScratchImage(docker, `${dctRef}:${tag}`, { 'tag.txt': `${tag} ${run}` }));
    await dockerCli(['push', `${dctRef}:${tag}`], env);
  };
  await push('v1');
  await mkdir(join(work, 'keys'));
  await dockerCli(['trust', 'key', 'generate', 'alice', '--dir', join(work, 'keys')], env);
  await dockerCli(['trust', 'signer', 'add', '--key', join(work, 'keys', 'alice.pub'), 'alice', dctRef], env);
  await push('v2');
  // The app has a docker config of its own: the notary's CA is not where docker keeps it for the CLI.
  await mkdir(join(work, 'app'));
  serve = await startServe(isolatedCliEnv(join(work, 'app'), dockerHost));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(serve.url);
  await page.getByTestId('image-row').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await notary?.stop();
  for (const id of images) {
    await docker
      .getImage(id)
      .remove({ force: true })
      .catch(() => {});
  }
  if (work) await rm(work, { recursive: true, force: true });
});

const tid = (id: string) => page.getByTestId(id);
const tagBadge = (tag: string) =>
  page.locator(`[data-testid="tag-row"][data-tag="${tag}"] [data-testid="trust-badge"]`);

async function openSettings() {
  await tid('nav-settings').click();
  await tid('signing-keys').waitFor();
}

async function openTrustTab(tag: string) {
  await page.locator(`[data-testid="tag-row"][data-tag="${tag}"]`).click();
  await tid('tag-tab-trust').click();
  await page.locator('[data-testid="trust-tab"][data-state="ready"]').waitFor();
}

async function openDctRepository() {
  await page.locator(`[data-testid="nav-registry"][data-host="${registry}"]`).click();
  await tid('catalog-reload').click();
  await tid('catalog-filter').fill(dctRepository);
  await page.locator(`[data-testid="catalog-row"][data-repository="${dctRepository}"]`).click();
  await page.locator(`[data-testid="repo-view"][data-repository="${dctRef}"]`).waitFor();
}

describe('Docker Content Trust in the browser', () => {
  it('knows the test registry', async () => {
    await tid('registry-add').click();
    await tid('registry-add-host').fill(registry);
    await tid('registry-add-name').fill('Lab');
    await tid('registry-add-submit').click();
    await page.locator('[data-testid="registry-test-result"][data-reachable]').waitFor();
    await tid('registry-add-done').click();
  });
  it('reads DCT data once the notary server is set in Settings, and pictures its roles', async () => {
    await openSettings();
    await tid('notary-add').click();
    await tid('notary-registry').fill(registry);
    await tid('notary-url').fill(notary.url);
    await tid('notary-ca').fill(notary.caPem);
    await tid('notary-submit').click();
    await page
      .locator(`[data-testid="notary-row"][data-registry="${registry}"][data-source="setting"]`)
      .waitFor();

    await openDctRepository();
    const panel = page.locator('[data-testid="dct-migration"][data-state="verified"]');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.getAttribute('data-pending')).toBe('2');

    await openTrustTab('v1');
    const signature = page.locator('[data-testid="trust-signature"][data-kind="dct"]');
    await expect.poll(() => signature.count()).toBeGreaterThan(0);
    const roles = await tid('dct-role').evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-role')),
    );
    expect(roles).toEqual(
      expect.arrayContaining(['root', 'targets', 'snapshot', 'timestamp', 'targets/alice']),
    );
    expect(roles[0]).toBe('root');
    await page.locator('[data-testid="dct-signed-tags"] [data-tag="v2"]').waitFor();
    expect(await tid('dct-signers').textContent()).toContain('alice');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-tab-dct.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS, 'trust-tab-dct-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // The root was trusted on first use: it is pinned, and Settings lists it.
    await openSettings();
    await page.locator(`[data-testid="pinned-root-row"][data-gun="${dctRef}"]`).waitFor();
  });

  it('signs the DCT-only tags with cosign, with a key generated on the spot', async () => {
    await openDctRepository();
    await tid('dct-migration-toggle').click();
    await page.locator('[data-testid="dct-migration-tag"]').first().waitFor();
    expect(
      await page
        .locator('[data-testid="dct-migration-tag"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tag'))),
    ).toEqual(['v1', 'v2']);
    await tid('sign-generate-name').fill('migration');
    await tid('sign-generate-password').fill(PASSWORD);
    await tid('sign-generate-submit').click();
    await tid('dct-migration-password').fill(PASSWORD);
    await tid('dct-migration-sign').click();
    await page.locator('[data-testid="dct-migration-started"][data-count="2"]').waitFor();
    await tid('tasks-drawer').waitFor();
    await page.keyboard.press('Escape');
    // Once both tasks end, the plan is asked again: nothing is signed with DCT alone any more.
    await page.locator('[data-testid="dct-migration"][data-pending="0"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => tagBadge('v1').getAttribute('data-kinds'), { timeout: 20_000 })
      .toBe('dct cosign');
  });
});
