import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Browser, launchBrowser } from './browser.js';
import { isolatedCliEnv, startServe } from './cli.js';

/**
 * The browser-mode app as every e2e test meets it: the real CLI's `serve` with a config of its own,
 * the built renderer in headless Chromium, and the few trips through the UI that many tests take
 * before reaching what they are about (adding the run's registry, opening a repository or a tag).
 */

/** Screenshots land here, for a person to look at after the run. */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');

export interface OpenAppOptions {
  /** Names the app's throwaway config folder, to tell runs apart in the temp dir. */
  name: string;
  dockerHost: string;
  /** The test id the first page shows once loaded; nothing is waited for without it. */
  ready?: string;
  /** Lets the page read and write the clipboard (copy buttons). */
  clipboard?: boolean;
}

export interface App {
  page: Page;
  /** The app's own config folder: `serve` runs with it as home. */
  work: string;
  /** The environment `serve` runs with, for running the CLI against the same config. */
  env: NodeJS.ProcessEnv;
  tid(id: string): Locator;
  close(): Promise<void>;
}

export async function openApp(options: OpenAppOptions): Promise<App> {
  const work = await mkdtemp(join(tmpdir(), `stevedore-e2e-${options.name}-`));
  await mkdir(ARTIFACTS, { recursive: true });
  const env = isolatedCliEnv(work, options.dockerHost);
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await serve?.stop();
    await rm(work, { recursive: true, force: true });
  };
  try {
    serve = await startServe(env);
    browser = await launchBrowser();
    if (options.clipboard) {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(serve.url).origin,
      });
    }
    const page = await browser.context.newPage();
    await page.goto(serve.url);
    if (options.ready) await page.getByTestId(options.ready).first().waitFor();
    return { page, work, env, tid: (id) => page.getByTestId(id), close };
  } catch (error) {
    // Nothing is left running when the app never came up: the test's afterAll has no app to close.
    await close();
    throw error;
  }
}

/**
 * Adds a registry through the dialog, waits for its connection test and for it in the sidebar.
 * `open` leaves with "Open" (the catalog shows) rather than "Done".
 */
export async function addRegistry(page: Page, host: string, name: string, { open = false } = {}) {
  await page.getByTestId('registry-add').click();
  await page.getByTestId('registry-add-host').fill(host);
  await page.getByTestId('registry-add-name').fill(name);
  await page.getByTestId('registry-add-submit').click();
  await page.locator('[data-testid="registry-test-result"][data-reachable]').waitFor();
  await page.getByTestId(open ? 'registry-add-open' : 'registry-add-done').click();
  await page.locator(`[data-testid="nav-registry"][data-host="${host}"]`).waitFor();
}

/** Registry → its whole catalog (`reload` asks for it afresh) → filtered to `repository` → its tag list. */
export async function openRepository(
  page: Page,
  registry: string,
  repository: string,
  { reload = false } = {},
) {
  await page.locator(`[data-testid="nav-registry"][data-host="${registry}"]`).click();
  if (reload) await page.getByTestId('catalog-reload').click();
  await page.locator('[data-testid="catalog-count"][data-state="complete"]').waitFor();
  await page.getByTestId('catalog-filter').fill(repository);
  await page.locator(`[data-testid="catalog-row"][data-repository="${repository}"]`).click();
  await page.locator(`[data-testid="repo-view"][data-repository="${registry}/${repository}"]`).waitFor();
}

/** Opens the repository, then `tag`'s detail, once it knows the tag's digest. */
export async function openTag(page: Page, registry: string, repository: string, tag: string) {
  await openRepository(page, registry, repository);
  await page.locator(`[data-testid="tag-row"][data-tag="${tag}"]`).click();
  await page.locator(`[data-testid="tag-detail"][data-tag="${tag}"][data-digest]`).waitFor();
}

/** From the open repository: `tag`'s Trust tab, once it has read the signatures. */
export async function openTrustTab(page: Page, tag: string) {
  await page.locator(`[data-testid="tag-row"][data-tag="${tag}"]`).click();
  await page.getByTestId('tag-tab-trust').click();
  await page.locator('[data-testid="trust-tab"][data-state="ready"]').waitFor();
}

export async function openSettings(page: Page) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('signing-keys').waitFor();
}

/** `name`.png and `name`-dark.png in ARTIFACTS; the page is left in the light theme. */
export async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  // Let the controls' colour transitions finish first.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** The digest the registry serves for the tag, from its own answer to a HEAD (null: no such header). */
export async function registryDigest(
  host: string,
  repository: string,
  tag: string,
  login?: { user: string; password: string },
): Promise<string | null> {
  const headers: Record<string, string> = { accept: MANIFEST_TYPES };
  if (login)
    headers.authorization = `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`;
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers,
  });
  if (response.status !== 200)
    throw new Error(`HEAD ${host}/${repository}:${tag} answered ${response.status}`);
  return response.headers.get('docker-content-digest');
}
