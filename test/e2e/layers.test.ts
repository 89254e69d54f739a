import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, addRegistry, openApp, openTag, screenshots as screenshotsOf } from '../support/e2e-app.js';
import { buildScratchImage, removeImages } from '../support/images.js';
import {
  gzip,
  OCI_LAYER_GZIP,
  OCI_LAYER_TAR,
  pushLayeredImage,
  type TestLayer,
  tarArchive,
} from '../support/layer-archives.js';
import { runServers } from '../support/run-servers.js';

/**
 * The Layers view as a user meets it, in browser mode against a real registry and dockerd: a
 * tag's layers and the picture of its bytes, a scan, the file tree (expand, filter, as of a layer,
 * only its changes), a file's content and saving it, a comparison with another tag, and the same
 * view for a local image.
 */
const { dockerHost, registry, docker, run } = runServers();
const repo = `e2e-layers-${run}/app`;
const localRef = `e2e-layers-${run}/local:1`;
const BIG = 200_000;
const MANY = 100_000;
const bulkRepo = `e2e-layers-${run}/many`;

/** base: files, a binary, a big file; update: a changed file, a whiteout, a new folder; cleanup: deletes the big file. */
function layers(): TestLayer[] {
  const base = tarArchive([
    { name: 'etc/', kind: 'dir' },
    { name: 'etc/hello.txt', content: 'hello from the base layer\n' },
    { name: 'etc/motd', content: 'welcome\n' },
    { name: 'usr/', kind: 'dir' },
    { name: 'usr/bin/', kind: 'dir' },
    {
      name: 'usr/bin/tool',
      content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)),
      mode: 0o755,
    },
    { name: 'data/', kind: 'dir' },
    { name: 'data/big.bin', content: Buffer.alloc(BIG, 0x61) },
  ]);
  const update = tarArchive([
    { name: 'etc/', kind: 'dir' },
    { name: 'etc/motd', content: 'welcome back\nsecond line\nthird line\n' },
    { name: 'etc/.wh.hello.txt' },
    { name: 'app/', kind: 'dir' },
    { name: 'app/main.js', content: 'console.log("layers");\n' },
  ]);
  const cleanup = tarArchive([{ name: 'data/', kind: 'dir' }, { name: 'data/.wh.big.bin' }]);
  return [
    { blob: gzip(base), mediaType: OCI_LAYER_GZIP, tar: base },
    { blob: gzip(update), mediaType: OCI_LAYER_GZIP, tar: update },
    { blob: cleanup, mediaType: OCI_LAYER_TAR, tar: cleanup },
  ];
}

function extraLayer(): TestLayer {
  const tar = tarArchive([
    { name: 'app/', kind: 'dir' },
    { name: 'app/extra.txt', content: 'only in v2\n' },
  ]);
  return { blob: gzip(tar), mediaType: OCI_LAYER_GZIP, tar };
}

/** One folder of 100,000 empty files: the tree has to stay quick with all of them open. */
function manyFilesLayer(): TestLayer {
  const names = Array.from({ length: MANY }, (_, i) => ({ name: `many/f${String(i).padStart(6, '0')}` }));
  const tar = tarArchive([{ name: 'many/', kind: 'dir' }, ...names]);
  return { blob: gzip(tar), mediaType: OCI_LAYER_GZIP, tar };
}

const HISTORY = [
  { created_by: 'COPY base / # buildkit' },
  { created_by: 'ENV MODE=prod', empty_layer: true },
  { created_by: 'RUN update-motd && rm /etc/hello.txt' },
  { created_by: 'RUN rm /data/big.bin' },
];

let app: App;
let page: Page;

beforeAll(async () => {
  await pushLayeredImage(registry, repo, 'v1', layers(), HISTORY);
  await pushLayeredImage(
    registry,
    repo,
    'v2',
    [...layers(), extraLayer()],
    [...HISTORY, { created_by: 'COPY extra.txt /app/' }],
  );
  await pushLayeredImage(
    registry,
    bulkRepo,
    'v1',
    [manyFilesLayer()],
    [{ created_by: 'RUN touch many files' }],
  );
  await buildScratchImage(docker, localRef, {
    'srv/index.html': '<h1>local</h1>\n',
    'srv/notes.txt': 'notes\n',
  });
  app = await openApp({ name: 'layers', dockerHost, ready: 'registry-add' });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await removeImages(docker, [localRef]);
});

const tid = (id: string) => page.getByTestId(id);
const row = (path: string) => page.locator(`[data-testid="tree-row"][data-path="${path}"]`);
const treePaths = () =>
  page
    .locator('[data-testid="tree-row"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));

const screenshots = (name: string) => screenshotsOf(page, name);

describe('Layers in the browser', () => {
  it('opens a tag’s Layers tab: each layer with its size, type and command', async () => {
    await addRegistry(page, registry, 'Lab');
    await openTag(page, registry, repo, 'v1');
    await tid('tag-tab-layers').click();
    await tid('layers-view').waitFor();

    const rows = page.locator('[data-testid="layer-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    const commands = await page.locator('[data-testid="layer-command"]').allTextContents();
    // The ENV step made no layer: the second layer is the RUN after it.
    expect(commands).toEqual([HISTORY[0]!.created_by, HISTORY[2]!.created_by, HISTORY[3]!.created_by]);
    expect(await rows.nth(0).textContent()).toContain('OCI · gzip');
    expect(await rows.nth(2).textContent()).toContain('OCI · tar');
  });

  it('scans the files: the treemap and the wasted space the deleted file left', async () => {
    await tid('layers-scan').click();
    await page.locator('[data-testid="layers-view"][data-scan="done"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="treemap-cell"][data-path="usr"]').waitFor();
    // Its label: the boxes of its subfolders cover the rest of it.
    await page.locator('[data-testid="treemap-cell"][data-path="usr"]').hover({ position: { x: 4, y: 4 } });
    await expect.poll(() => tid('treemap-hover').textContent()).toContain('/usr');
    const wasted = tid('wasted-space');
    expect(Number(await wasted.getAttribute('data-wasted'))).toBeGreaterThanOrEqual(BIG);
    await page.locator('[data-testid="inefficiency-row"][data-path="data/big.bin"]').waitFor();
    expect(await tid('layers-summary').getAttribute('data-files')).not.toBeNull();
    await expect.poll(treePaths).toEqual(['app', 'data', 'etc', 'usr']);
    await screenshots('layers-scanned');
    // A click on a box goes into that folder, here and in the tree.
    await page.locator('[data-testid="treemap-cell"][data-path="usr"]').click({ position: { x: 4, y: 4 } });
    await page.locator('[data-testid="treemap"][data-focus="usr"]').waitFor();
    await expect.poll(treePaths).toEqual(['app', 'data', 'etc', 'usr', 'usr/bin']);
    expect(await row('usr').getAttribute('aria-selected')).toBe('true');
    await page.locator('[data-testid="treemap-crumb"][data-path=""]').click();
    await page.locator('[data-testid="treemap"][data-focus=""]').waitFor();
    await row('usr').click();
    await expect.poll(treePaths).toEqual(['app', 'data', 'etc', 'usr']);
  });

  it('expands the tree with the mouse and the keyboard', async () => {
    await row('etc').click();
    await expect.poll(treePaths).toEqual(['app', 'data', 'etc', 'etc/motd', 'usr']);
    // The whiteout took hello.txt away from the final filesystem.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(treePaths).toContain('usr/bin');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(treePaths).toContain('usr/bin/tool');
    expect(await row('usr/bin/tool').textContent()).toContain('-rwxr-xr-x');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(treePaths).not.toContain('usr/bin/tool');
  });

  it('filters by substring and by glob', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('main');
    await expect.poll(treePaths).toEqual(['app/main.js']);
    await tid('tree-filter').fill('*.bin');
    await expect.poll(treePaths).toEqual([]);
    await tid('tree-filter').fill('etc/*');
    await expect.poll(treePaths).toEqual(['etc/motd']);
    await tid('tree-filter').fill('');
    await expect.poll(treePaths).toContain('etc/motd');
  });

  it('shows the tree as of a layer, its changes marked, and only them', async () => {
    await page.locator('[data-testid="layer-row"][data-index="1"]').click();
    await page.locator('[data-testid="tree-layer"][data-layer="1"]').waitFor();
    await expect.poll(() => row('etc/motd').getAttribute('data-change')).toBe('changed');
    await expect.poll(() => row('etc/hello.txt').getAttribute('data-change')).toBe('removed');
    await expect.poll(() => row('app').getAttribute('data-change')).toBe('added');
    // The big file is still there as of layer 2: the next layer deletes it.
    await row('data').click();
    await row('data/big.bin').waitFor();
    await tid('tree-only-changes').click();
    await expect.poll(treePaths).toEqual(['app', 'etc', 'etc/hello.txt', 'etc/motd']);
    await screenshots('layers-only-changes');
    await tid('tree-layer-clear').click();
    await expect.poll(treePaths).not.toContain('etc/hello.txt');
  });

  it('shows a text file’s content and saves it', async () => {
    await row('etc/motd').click();
    const view = page.locator('[data-testid="file-view"][data-path="etc/motd"][data-state="ready"]');
    await view.waitFor();
    expect(await view.getAttribute('data-binary')).toBe('false');
    await expect
      .poll(() => page.locator('[data-testid="file-line"]').allTextContents())
      .toEqual(['1welcome back', '2second line', '3third line']);
    await tid('file-save').click();
    expect(await tid('save-destination').inputValue()).toBe('~/Downloads/motd');
    const destination = join(app.work, 'motd-saved');
    await tid('save-destination').fill(destination);
    await tid('save-submit').click();
    await page.locator('[data-testid="save-outcome"][data-state="succeeded"]').waitFor();
    expect(await readFile(destination, 'utf8')).toBe('welcome back\nsecond line\nthird line\n');
    // Esc closes the file first; the tag stays open.
    await row('etc/motd').click();
    await page.keyboard.press('Escape');
    await tid('file-view').waitFor({ state: 'detached' });
    await tid('layers-view').waitFor();
  });

  it('shows a binary file as a hex dump', async () => {
    await tid('tree-filter').fill('tool');
    await row('usr/bin/tool').click();
    const view = page.locator('[data-testid="file-view"][data-path="usr/bin/tool"][data-state="ready"]');
    await view.waitFor();
    expect(await view.getAttribute('data-binary')).toBe('true');
    expect(await tid('file-lines').getAttribute('data-kind')).toBe('hex');
  });

  it('compares with another tag: the file only it has is added', async () => {
    await tid('layers-mode').getByText('Compare with…').click();
    expect(await tid('compare-reference').inputValue()).toBe(`${registry}/${repo}:`);
    await tid('compare-reference').fill(`${registry}/${repo}:v2`);
    await tid('compare-submit').click();
    const result = tid('diff-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-added')).toBe('1');
    expect(await result.getAttribute('data-removed')).toBe('0');
    await page.locator('[data-testid="diff-row"][data-kind="added"][data-path="app/extra.txt"]').waitFor();
    await tid('diff-kind')
      .getByText(/^Folders/)
      .click();
    await page.locator('[data-testid="diff-folder"][data-path="app"] [data-testid="diff-dir-bar"]').waitFor();
    await screenshots('layers-compare');
  });

  it('opens the same view for a local image from its detail panel', async () => {
    await tid('nav-images').click();
    await page.locator(`[data-testid="image-row"][data-ref="${localRef}"]`).dblclick();
    await tid('image-detail').waitFor();
    await tid('detail-layers').click();
    await tid('local-layers').waitFor();
    await page.locator('[data-testid="local-layers"] [data-testid="layer-row"]').first().waitFor();
    const scan = page.locator('[data-testid="local-layers"] [data-testid="layers-scan"]');
    await scan.click();
    await page.locator('[data-testid="layers-view"][data-scan="done"]').waitFor({ timeout: 60_000 });
    await row('srv').click();
    await row('srv/notes.txt').click();
    await expect.poll(() => page.locator('[data-testid="file-line"]').allTextContents()).toEqual(['1notes']);
    await screenshots('layers-local');
    // Esc closes the file, then the Layers view, and only that: the detail panel underneath stays.
    await page.keyboard.press('Escape');
    await tid('file-view').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await tid('local-layers').waitFor({ state: 'detached' });
    await tid('image-detail').waitFor();
  });

  it('opens a folder of 100,000 files at once and moves through it by keyboard', async () => {
    await tid('nav-images').click();
    await openTag(page, registry, bulkRepo, 'v1');
    await tid('tag-tab-layers').click();
    await tid('layers-scan').click();
    await page.locator('[data-testid="layers-view"][data-scan="done"]').waitFor({ timeout: 60_000 });
    const started = Date.now();
    await row('many').click();
    await page.locator(`[data-testid="tree-count"][data-count="${MANY + 1}"]`).waitFor();
    await row('many/f000000').waitFor();
    const opened = Date.now() - started;
    // Only the rows in view exist, whatever the count.
    expect(await page.locator('[data-testid="tree-row"]').count()).toBeLessThan(100);
    await page.keyboard.press('End');
    await row(`many/f${String(MANY - 1).padStart(6, '0')}`).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('f099998');
    await expect.poll(treePaths).toEqual(['many/f099998']);
    console.info(`layers e2e: a folder of ${MANY.toLocaleString('en')} files opened in ${opened} ms`);
    expect(opened).toBeLessThan(10_000);
  });
});
