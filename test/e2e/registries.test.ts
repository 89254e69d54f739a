import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, ARTIFACTS, addRegistry as addRegistryIn, openApp } from '../support/e2e-app.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { bulkRepositories, pushArtifact, pushImage, pushIndex } from '../support/registry-content.js';

/**
 * Registries as a user meets them: add one, browse its catalog across pages, open a repository and
 * a tag, switch platforms, read the raw manifest, delete with the shared-tags warning, and log in to
 * a registry that wants a password. Real registries, the real `serve`, headless Chromium.
 */
const alice = { user: 'alice', password: 'wonderland' };
const platforms = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
];

let open: Registry;
let locked: Registry;
let app: App;
let page: Page;
const repo = `team-${randomUUID().slice(0, 6)}/demo`;

beforeAll(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ htpasswd: alice })]);
  const index = await pushIndex(open.host, repo, 'v2', platforms);
  await fetch(`${open.url}/v2/${repo}/manifests/latest`, {
    method: 'PUT',
    headers: { 'content-type': index.mediaType },
    body: new Uint8Array(index.bytes),
  });
  await pushImage(open.host, repo, 'v1', { layers: [Buffer.from('v1 layer')] });
  await pushArtifact(open.host, repo, {
    subject: { digest: index.digest, mediaType: index.mediaType, size: index.size },
    kind: 'sig',
  });
  await bulkRepositories(open.host, 'bulk', 1100);
  app = await openApp({ name: 'registries', dockerHost: inject('dockerHost') });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await Promise.all([open?.stop(), locked?.stop()]);
});

const tid = (id: string) => page.getByTestId(id);
const tagsShown = () =>
  page
    .locator('[data-testid="tag-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tag')));

/** Every repository, straight from the registry: the bare paginated loop. */
async function catalogOf(registry: Registry): Promise<string[]> {
  const names: string[] = [];
  let next: string | undefined = `${registry.url}/v2/_catalog?n=1000`;
  while (next) {
    const response: Response = await fetch(next);
    names.push(...((await response.json()) as { repositories: string[] }).repositories);
    const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    next = link ? new URL(link, registry.url).href : undefined;
  }
  return names;
}

/** Adds the registry and leaves the dialog by "Open": its catalog shows. */
const addRegistry = (host: string, name: string) => addRegistryIn(page, host, name, { open: true });

describe('Registries in the browser', () => {
  it('adds a registry and streams its whole catalog, across pages', async () => {
    await addRegistry(open.host, 'Lab');
    await page.locator(`[data-testid="nav-registry"][data-host="${open.host}"]`).waitFor();
    const count = page.locator('[data-testid="catalog-count"][data-state="complete"]');
    await count.waitFor({ timeout: 30_000 });
    const registryCount = (await catalogOf(open)).length;
    expect(registryCount).toBeGreaterThan(1000);
    expect(Number(await count.getAttribute('data-count'))).toBe(registryCount);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-catalog.png') });
  });

  it('filters the catalog from the keyboard and opens a repository', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type(repo);
    await expect
      .poll(() =>
        page
          .locator('[data-testid="catalog-row"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-repository'))),
      )
      .toEqual([repo]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tid('repo-view').waitFor();
    await expect.poll(async () => (await tagsShown()).sort()).toEqual(['latest', 'v1', 'v2']);
    await page.locator('[data-testid="tag-row"][data-tag="v2"][data-digest]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'registry-repository.png') });
  });

  it('opens a tag: platforms, another platform, the raw manifest', async () => {
    await page.locator('[data-testid="tag-row"][data-tag="v2"]').click();
    await tid('tag-overview').waitFor();
    const rows = page.locator('[data-testid="platform-row"]');
    await expect
      .poll(() => rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-platform'))))
      .toEqual(['linux/amd64', 'linux/arm64/v8']);
    await page.locator('[data-testid="platform-row"][data-platform="linux/arm64/v8"]').click();
    await page
      .locator('[data-testid="platform-row"][data-platform="linux/arm64/v8"][data-selected]')
      .waitFor();
    expect(await tid('tag-overview').textContent()).toContain('linux/arm64/v8');
    await tid('tag-tab-raw').click();
    await expect.poll(() => tid('raw-manifest').textContent()).toContain('"schemaVersion"');
    await page.screenshot({ path: join(ARTIFACTS, 'registry-tag-raw.png') });
    await tid('tag-tab-overview').click();
  });

  it('deletes by digest after warning which other tags go with it', async () => {
    await tid('delete-tag').click();
    const plan = tid('delete-plan');
    await plan.waitFor();
    expect(await plan.getAttribute('data-shared')).toBe('1');
    expect(await plan.textContent()).toContain('latest');
    await tid('delete-confirm').click();
    await tid('repo-view').waitFor();
    await expect.poll(async () => (await tagsShown()).sort()).toEqual(['v1']);
    const gone = await fetch(`${open.url}/v2/${repo}/manifests/latest`, { method: 'HEAD' });
    expect(gone.status).toBe(404);
  });

  it('logs in to a registry that wants a password, refusing a wrong one', async () => {
    await addRegistry(locked.host, 'Locked');
    await tid('registry-login').click();
    await tid('login-username').fill(alice.user);
    await tid('login-password').fill('wrong');
    await tid('login-submit').click();
    const error = tid('login-error').first();
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('UNAUTHORIZED');
    await tid('login-password').fill(alice.password);
    await tid('login-submit').click();
    await page.locator('[data-testid="registry-account"][data-account="alice"]').waitFor();
    await page
      .locator(
        `[data-testid="nav-registry"][data-host="${locked.host}"] [data-testid="login-dot"][data-account="alice"]`,
      )
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'registry-logged-in.png') });
    await tid('registry-logout').click();
    await page.locator('[data-testid="registry-account"][data-account="anonymous"]').waitFor();
  });
});
