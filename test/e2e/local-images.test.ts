import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import type { ImageSummary } from '../../src-main/core/engine/types.js';
import { CLI } from '../support/cli.js';
import { type App, ARTIFACTS, openApp } from '../support/e2e-app.js';
import { buildScratchImage, makeDanglingImage, removeImages } from '../support/images.js';

/**
 * The whole app as a user meets it in browser mode: the real CLI's `serve`, the built renderer in
 * headless Chromium, a real private dockerd. Screenshots land in test-artifacts/e2e/.
 */
const host = inject('dockerHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' });
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `e2e-${run}/${name}`;

let stevedore: App;
let page: Page;
const made: string[] = [];

beforeAll(async () => {
  const app = await buildScratchImage(
    docker,
    `${repo('app')}:1.0`,
    { 'app.txt': 'app' },
    { labels: { tier: 'web' } },
  );
  await docker.getImage(app).tag({ repo: repo('app'), tag: 'latest' });
  made.push(app);
  made.push(await buildScratchImage(docker, `${repo('tool')}:2`, { 'tool.txt': 'tool' }));
  made.push(await makeDanglingImage(docker));
  stevedore = await openApp({ name: 'images', dockerHost: host, ready: 'image-row' });
  page = stevedore.page;
});

afterAll(async () => {
  await stevedore?.close();
  await removeImages(docker, made);
});

const rowsOf = (p: Page) =>
  p
    .getByTestId('image-row')
    .evaluateAll((rows) =>
      rows.map((row) => `${row.getAttribute('data-image-id')} ${row.getAttribute('data-ref')}`),
    );
const row = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);

/** The rows `docker images` shows: one per tag, `<none>:<none>` for a dangling image. */
function expectedRows(images: ImageSummary[]): string[] {
  return images.flatMap((image) =>
    image.repoTags.length > 0
      ? image.repoTags.map((tag) => `${image.id} ${tag}`)
      : [`${image.id} <none>:<none>`],
  );
}

describe('Local Images in the browser', () => {
  it('shows the same images as `stevedore images --json`', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'images', '--json'], {
      env: stevedore.env,
    });
    const expected = expectedRows(JSON.parse(stdout) as ImageSummary[]).sort();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    await expect.poll(async () => (await rowsOf(page)).sort(), { timeout: 5000 }).toEqual(expected);
    await page.screenshot({ path: join(ARTIFACTS, 'local-images.png') });
  });

  it('filters by name and opens the detail panel', async () => {
    await page.getByTestId('image-filter').fill(`${run}/tool`);
    await expect.poll(() => rowsOf(page)).toEqual([`${made[1]} ${repo('tool')}:2`]);
    await page.getByTestId('image-filter').fill('');
    await row(`${repo('app')}:1.0`).dblclick();
    const detail = page.getByTestId('image-detail');
    await detail.waitFor();
    await expect.poll(() => detail.textContent()).toContain(made[0]);
    expect(await detail.textContent()).toContain('tier');
    await page.getByTestId('image-history').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'image-detail.png') });
  });

  it('tags an image through the dialog, and the engine has the tag', async () => {
    await page.getByTestId('detail-tag').click();
    await page.getByTestId('tag-target').fill(`${repo('tagged')}:v1`);
    await page.getByTestId('tag-submit').click();
    await row(`${repo('tagged')}:v1`).waitFor();
    const inspected = await docker.getImage(made[0]!).inspect();
    expect(inspected.RepoTags).toContain(`${repo('tagged')}:v1`);
  });

  it('shows an invalid tag as an error under the field, by code', async () => {
    await page.getByTestId('detail-tag').click();
    await page.getByTestId('tag-target').fill('Not A Valid/Name');
    await page.getByTestId('tag-submit').click();
    const error = page.getByTestId('tag-error');
    await error.waitFor();
    expect(['INVALID_REFERENCE', 'INVALID_INPUT']).toContain(await error.getAttribute('data-code'));
    await page.getByTestId('tag-cancel').click();
  });

  it('removes a tag through the confirm dialog, and the engine no longer has it', async () => {
    await page.getByTestId('detail-close').click();
    await row(`${repo('tagged')}:v1`).click();
    await page.getByTestId('images-remove').click();
    await page.getByTestId('remove-dialog').waitFor();
    expect(await page.getByTestId('remove-list').textContent()).toContain(`${repo('tagged')}:v1`);
    await page.getByTestId('remove-confirm').click();
    await row(`${repo('tagged')}:v1`).waitFor({ state: 'detached' });
    const inspected = await docker.getImage(made[0]!).inspect();
    expect(inspected.RepoTags).not.toContain(`${repo('tagged')}:v1`);
  });

  it('reflects a tag and a removal made outside the app within 2 seconds', async () => {
    const outside = `${repo('outside')}:now`;
    await docker.getImage(made[1]!).tag({ repo: repo('outside'), tag: 'now' });
    await row(outside).waitFor({ timeout: 2000 });
    await docker.getImage(outside).remove();
    await row(outside).waitFor({ state: 'detached', timeout: 2000 });
  });

  it('is driven by the keyboard: / filters, arrows move, Enter opens, Esc closes', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await page.keyboard.type(`${run}/tool`);
    await expect.poll(() => rowsOf(page)).toEqual([`${made[1]} ${repo('tool')}:2`]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('image-detail');
    await expect.poll(() => detail.getAttribute('data-image-id')).toBe(made[1]);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await page.getByTestId('image-filter').fill('');
  });

  it('looks right in the dark theme too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByTestId('image-row').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'local-images-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
