import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  addRegistry,
  openApp,
  openRepository,
  openSettings as openSettingsIn,
  openTrustTab as openTrustTabIn,
  screenshots,
} from '../support/e2e-app.js';
import { buildScratchImage, removeImages } from '../support/images.js';
import { docker as dockerCli, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';
import { runServers } from '../support/run-servers.js';

/**
 * Docker Content Trust as a user meets it in browser mode: the docker CLI signs pushes to the run's
 * registry through a real notary-server and notary-signer (a delegation signer included); the user
 * sets the notary server in Settings, reads the Trust tab (roles as a tree, signed tags, signers),
 * finds the root pinned, and signs the DCT-only tags with cosign from the repository's panel.
 */
const { dockerHost, registry, docker, run } = runServers();
const dctRepository = `e2e-trust-dct-${run}`;
const dctRef = `${registry}/${dctRepository}`;
const PASSWORD = 'correct horse battery staple';

let notary: NotaryServers;
let work: string;
let app: App;
let page: Page;
const images: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-e2e-trust-dct-'));
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
  // The app's config is its own (openApp): the notary's CA stays where the docker CLI above keeps it.
  app = await openApp({ name: 'trust-dct', dockerHost, ready: 'image-row' });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await notary?.stop();
  await removeImages(docker, images);
  if (work) await rm(work, { recursive: true, force: true });
});

const tid = (id: string) => page.getByTestId(id);
const tagBadge = (tag: string) =>
  page.locator(`[data-testid="tag-row"][data-tag="${tag}"] [data-testid="trust-badge"]`);

const openSettings = () => openSettingsIn(page);
const openTrustTab = (tag: string) => openTrustTabIn(page, tag);
/** Reloads the catalog: the app may have listed it before the DCT repository was there. */
const openDctRepository = () => openRepository(page, registry, dctRepository, { reload: true });

describe('Docker Content Trust in the browser', () => {
  it('knows the test registry', async () => {
    await addRegistry(page, registry, 'Lab');
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
    await screenshots(page, 'trust-tab-dct');

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
