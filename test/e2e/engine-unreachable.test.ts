import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser.js';
import { isolatedCliEnv, startServe } from '../support/cli.js';

/** No engine answers: the app must say what it tried and how to fix it, not show an empty table. */
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');
let work: string;
let serve: { url: string; stop(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-e2e-nodaemon-'));
  serve = await startServe(isolatedCliEnv(work, `unix://${join(work, 'no-such-docker.sock')}`));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

it('explains an unreachable engine: what was tried, where it came from, how to fix it', async () => {
  const page = await browser.context.newPage();
  await page.goto(serve.url);
  const state = page.getByTestId('engine-empty-state');
  await state.waitFor();
  expect(await state.getAttribute('data-code')).toBe('ENGINE_UNREACHABLE');
  const text = (await state.textContent()) ?? '';
  expect(text).toContain(join(work, 'no-such-docker.sock'));
  expect(text).toContain('DOCKER_HOST');
  expect(await page.getByTestId('image-row').count()).toBe(0);
  await page.getByTestId('engine-retry').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'engine-unreachable.png') });
});
