import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  ARTIFACTS,
  addRegistry,
  openApp,
  openRepository as openRepositoryIn,
  openSettings as openSettingsIn,
  openTrustTab as openTrustTabIn,
  screenshots,
} from '../support/e2e-app.js';
import { buildScratchImage, removeImages } from '../support/images.js';
import { type PushedManifest, pushImage, pushIndex } from '../support/registry-content.js';
import { runServers } from '../support/run-servers.js';
import { notationChain, p256 } from '../support/trust-certificates.js';
import { JWS, notationJws, pushNotationSignature } from '../support/trust-notation-signers.js';
import { classicLayer, cosignPayload, pushClassicSignatures } from '../support/trust-signers.js';

/**
 * Trust as a user meets it in browser mode: a signing key generated in Settings, a tag signed from
 * its Trust tab and a pushed image signed from the push dialog, badges in the tag list and in Local
 * Images, what verifies once the key is gone and only its public half is imported, a Notation
 * chain and an index's platforms. The real `serve`, the run's registry and dockerd, headless
 * Chromium. Docker Content Trust, with a real notary: trust-dct.test.ts.
 */
const { dockerHost, registry, docker, run } = runServers();
const repository = `e2e-trust-${run}/app`;
const repositoryRef = `${registry}/${repository}`;
const localSource = `e2e-trust-${run}/local:1.0`;
const neverPushed = `e2e-trust-${run}/never:1.0`;
const KEY = 'e2e-key';
const PASSWORD = 'correct horse battery staple';

let app: App;
let page: Page;
const localIds: string[] = [];
/** The signing key's id, as Settings shows it: signatures made with it name the same id. */
let keyId: string;
let publicPem: string;
/** A Notation signature by a test CA's chain, and an index whose arm64 manifest alone is signed. */
const chain = notationChain();
const indexKey = p256();
let multiArm64: PushedManifest;

beforeAll(async () => {
  await pushImage(registry, repository, 'signed', { layers: [Buffer.from(`signed ${run}`)] });
  await pushImage(registry, repository, 'unsigned', { layers: [Buffer.from(`unsigned ${run}`)] });
  const notation = await pushImage(registry, repository, 'notation', {
    layers: [Buffer.from(`notation ${run}`)],
  });
  const subject = { mediaType: notation.mediaType, digest: notation.digest, size: notation.size };
  const envelope = notationJws({ target: subject, chain: [chain.signer, chain.intermediate, chain.root] });
  await pushNotationSignature(registry, repository, subject, envelope, JWS);
  const multi = await pushIndex(registry, repository, 'multi', [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
  multiArm64 = multi.manifests[1]!;
  const layer = classicLayer(cosignPayload(repositoryRef, multiArm64.digest), indexKey.privateKey);
  await pushClassicSignatures(registry, repository, multiArm64.digest, [layer]);
  localIds.push(await buildScratchImage(docker, localSource, { 'local.txt': `local ${run}` }));
  localIds.push(await buildScratchImage(docker, neverPushed, { 'never.txt': `never ${run}` }));
  app = await openApp({ name: 'trust', dockerHost, ready: 'image-row', clipboard: true });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await removeImages(docker, localIds);
});

const tid = (id: string) => page.getByTestId(id);
const tagBadge = (tag: string) =>
  page.locator(`[data-testid="tag-row"][data-tag="${tag}"] [data-testid="trust-badge"]`);
const imageRow = (ref: string) => page.locator(`[data-testid="image-row"][data-ref="${ref}"]`);

const openSettings = () => openSettingsIn(page);
const openRepository = () => openRepositoryIn(page, registry, repository);
const openTrustTab = (tag: string) => openTrustTabIn(page, tag);

async function badgeStatus(tag: string): Promise<string | null> {
  return tagBadge(tag).getAttribute('data-status');
}

describe('Trust in the browser', () => {
  it('generates a signing key in Settings', async () => {
    await openSettings();
    await tid('signing-key-generate').click();
    await tid('generate-key-name').fill(KEY);
    await tid('generate-key-password').fill(PASSWORD);
    await tid('generate-key-submit').click();
    const row = page.locator(`[data-testid="signing-key-row"][data-name="${KEY}"]`);
    await row.waitFor();
    keyId = (await row.getAttribute('data-key-id')) ?? '';
    expect(keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(await row.textContent()).toContain('password');
  });

  it('badges both tags unsigned, only for the rows in view', async () => {
    await addRegistry(page, registry, 'Lab');
    await openRepository();
    await expect.poll(() => badgeStatus('signed'), { timeout: 20_000 }).toBe('unsigned');
    await expect.poll(() => badgeStatus('unsigned')).toBe('unsigned');
  });

  it('signs a tag from its Trust tab: the signature verifies with the key that made it', async () => {
    await openTrustTab('signed');
    expect(await tid('trust-header').getAttribute('data-status')).toBe('unsigned');
    await tid('trust-no-signatures').waitFor();
    await tid('trust-sign').click();
    await tid('sign-dialog').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'trust-sign-dialog.png') });
    await tid('sign-password').fill('not the password');
    await tid('sign-submit').click();
    // A wrong password fails before anything is written, and says so by code.
    const error = tid('sign-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('KEY_PASSWORD_WRONG');
    await tid('sign-edit').click();
    await tid('sign-password').fill(PASSWORD);
    await tid('sign-submit').click();
    const done = tid('sign-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.getAttribute('data-added')).toBe('true');
    await tid('sign-close').click();

    await page.locator('[data-testid="trust-tab"][data-status="verified"]').waitFor({ timeout: 20_000 });
    const signature = page.locator('[data-testid="trust-signature"][data-kind="cosign"]');
    await expect.poll(() => signature.count()).toBe(1);
    expect(await signature.getAttribute('data-key-id')).toBe(keyId);
    expect(await signature.getAttribute('data-verified')).toBe('true');
    expect(await signature.getByTestId('signature-verdict').textContent()).toContain(KEY);

    await tid('crumb-repository').click();
    await expect.poll(() => badgeStatus('signed'), { timeout: 20_000 }).toBe('verified');
    expect(await tagBadge('signed').getAttribute('data-kinds')).toBe('cosign');
    expect(await badgeStatus('unsigned')).toBe('unsigned');
  });

  it('signs a pushed image from the push dialog, and badges it in Local Images', async () => {
    const target = `${registry}/${localSource}`;
    await tid('nav-images').click();
    await imageRow(localSource).click();
    await tid('images-push').click();
    await tid('push-dialog').waitFor();
    await tid('push-registry').click();
    await page.getByRole('option', { name: `Lab (${registry})` }).click();
    await expect.poll(() => tid('push-reference').getAttribute('data-reference')).toBe(target);
    await page.locator(`[data-testid="push-plan"][data-state="ready"][data-target="${target}"]`).waitFor();
    await tid('push-submit').click();
    await tid('transfer-done').waitFor({ timeout: 60_000 });
    await tid('transfer-sign').click();
    await tid('push-dialog').waitFor({ state: 'detached' });
    await tid('sign-dialog').waitFor();
    await tid('sign-password').fill(PASSWORD);
    await tid('sign-submit').click();
    await tid('sign-done').waitFor({ timeout: 30_000 });
    await tid('sign-close').click();

    // The engine forgets a push under another name; the window remembers it: the row gets a badge, a never-pushed image none.
    const badge = imageRow(localSource).getByTestId('trust-badge');
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 20_000 }).toBe('verified');
    expect(await imageRow(neverPushed).getByTestId('trust-badge').count()).toBe(0);
  });

  it('shows signed, not verified, once the signing key is gone', async () => {
    await openSettings();
    const row = page.locator(`[data-testid="signing-key-row"][data-name="${KEY}"]`);
    await row.getByTestId('signing-key-export').click();
    await tid('signing-key-copy-pub').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain('BEGIN PUBLIC KEY');
    publicPem = await page.evaluate(() => navigator.clipboard.readText());
    await row.getByTestId('signing-key-remove').click();
    await tid('signing-key-remove-confirm').click();
    await row.waitFor({ state: 'detached' });

    await openRepository();
    await expect.poll(() => badgeStatus('signed'), { timeout: 20_000 }).toBe('signed');
    expect(await badgeStatus('unsigned')).toBe('unsigned');
  });

  it('verifies again with the public key imported in Settings', async () => {
    await openSettings();
    await tid('public-key-add').click();
    await tid('public-key-name').fill('teammate');
    await tid('public-key-text').fill(publicPem);
    await tid('public-key-submit').click();
    const row = page.locator('[data-testid="public-key-row"][data-name="teammate"]');
    await row.waitFor();
    expect(await row.getAttribute('data-key-id')).toBe(keyId);
    await tid('trust-stores').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'trust-settings.png') });

    await openRepository();
    await expect.poll(() => badgeStatus('signed'), { timeout: 20_000 }).toBe('verified');
    expect(await badgeStatus('unsigned')).toBe('unsigned');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-badges.png') });
    await openTrustTab('signed');
    await page.locator('[data-testid="trust-tab"][data-state="ready"][data-status="verified"]').waitFor();
    expect(await tid('trust-tab-mark').getAttribute('data-status')).toBe('verified');
    const signature = page.locator('[data-testid="trust-signature"][data-kind="cosign"]');
    expect(await signature.getAttribute('data-key-id')).toBe(keyId);
    expect(await signature.getByTestId('signature-verdict').textContent()).toContain('teammate');
    await screenshots(page, 'trust-tab');
  });

  it('shows an unsigned tag as unsigned in its Trust tab', async () => {
    await tid('crumb-repository').click();
    await openTrustTab('unsigned');
    expect(await tid('trust-header').getAttribute('data-status')).toBe('unsigned');
    expect(await page.locator('[data-testid="trust-signature"]').count()).toBe(0);
  });

  it('pictures a Notation signature’s certificate chain, verified once its CA is in a trust store', async () => {
    await tid('crumb-repository').click();
    await openTrustTab('notation');
    expect(await tid('trust-header').getAttribute('data-status')).toBe('signed');
    const signature = page.locator('[data-testid="trust-signature"][data-kind="notation"]');
    expect(await signature.getAttribute('data-verified')).toBe('false');
    const nodes = signature.getByTestId('chain-node');
    await expect
      .poll(() => nodes.allTextContents())
      .toEqual([
        expect.stringContaining('release signer'),
        expect.stringContaining('Stevedore Test Signing CA'),
        expect.stringContaining('Stevedore Test Root CA'),
      ]);
    await signature.getByTestId('chain-toggle').click();
    await signature.getByTestId('chain-pem').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    expect(await signature.getByTestId('chain-pem').first().textContent()).toContain('BEGIN CERTIFICATE');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-chain.png') });

    await openSettings();
    await tid('trust-store-add').click();
    await tid('trust-store-name').fill('acme-ca');
    await tid('trust-store-text').fill(chain.root.pem);
    await tid('trust-store-submit').click();
    await page.locator('[data-testid="trust-store-row"][data-name="acme-ca"]').waitFor();
    await openRepository();
    await expect.poll(() => badgeStatus('notation'), { timeout: 20_000 }).toBe('verified');
    expect(await tagBadge('notation').getAttribute('data-kinds')).toBe('notation');
  });

  it('reports an index per platform', async () => {
    await openTrustTab('multi');
    expect(await tid('trust-header').getAttribute('data-status')).toBe('unsigned');
    const platforms = page.getByTestId('trust-platform');
    await expect
      .poll(() =>
        platforms.evaluateAll((rows) =>
          rows.map((row) => [row.getAttribute('data-platform'), row.getAttribute('data-status')]),
        ),
      )
      .toEqual([
        ['linux/amd64', 'unsigned'],
        ['linux/arm64/v8', 'signed'],
      ]);
    expect(
      await page
        .locator(
          '[data-testid="trust-platform"][data-platform="linux/arm64/v8"] [data-testid="trust-signature"]',
        )
        .getAttribute('data-kind'),
    ).toBe('cosign');
  });
});
