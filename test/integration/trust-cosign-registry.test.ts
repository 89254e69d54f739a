import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { cosignSignatures, dockerReference, signImage } from '../../src-main/core/trust/cosign/index.js';
import { generateSigningKey, parsePublicKey, trustedKey } from '../../src-main/core/trust/keys/index.js';
import { openReferrers } from '../../src-main/core/trust/referrers.js';
import { trustStatus } from '../../src-main/core/trust/status.js';
import {
  addToReferrersIndex,
  type PushedManifest,
  pushBlob,
  pushImage,
  pushManifest,
} from '../support/registry-content.js';
import { p256 } from '../support/trust-certificates.js';
import {
  classicLayer,
  cosignPayload,
  pushBundleReferrer,
  pushClassicSignatures,
  pushReferrer,
  sigstoreBundle,
} from '../support/trust-signers.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `trust-cosign-${run}/${name}`;
const transport = new RegistryTransport({ host });
const client = () => new RegistryClient({ transport });
const fixtures = join(import.meta.dirname, '../fixtures/trust');
const fixture = (name: string) => readFileSync(join(fixtures, name));
const cosignPub = parsePublicKey(fixture('cosign.pub').toString(), 'cosign.pub');
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

afterAll(async () => {
  await transport.close();
});

async function image(name: string, tag = 'v1'): Promise<PushedManifest> {
  return pushImage(host, repo(name), tag, { layers: [Buffer.from(`${name} ${tag} ${randomUUID()}`)] });
}

describe('finding and verifying cosign signatures in a registry', () => {
  it('finds none on an unsigned image', async () => {
    const unsigned = await image('unsigned');
    const signatures = await cosignSignatures(client(), repo('unsigned'), unsigned.digest, {
      keys: [cosignPub],
    });
    expect(signatures).toEqual([]);
    expect(trustStatus(signatures)).toBe('unsigned');
  });

  it("verifies cosign's classic signature, pushed byte for byte under its .sig tag", async () => {
    const digest = 'sha256:8f9b62280a13383cc67f86d2d20d6734c1cddc0705a1611857c8f68a3cf9a270';
    await pushBlob(host, repo('sample'), fixture('cosign-legacy.sig.config.json.raw'));
    await pushBlob(host, repo('sample'), fixture('cosign-legacy.simplesigning.payload.json.raw'));
    const tag = `sha256-${digest.slice(7)}.sig`;
    await pushManifest(
      host,
      repo('sample'),
      tag,
      fixture('cosign-legacy.sig.manifest.json.raw'),
      OCI_MANIFEST,
    );
    const [signature, ...rest] = await cosignSignatures(client(), repo('sample'), digest, {
      keys: [cosignPub],
    });
    expect(rest).toEqual([]);
    expect(signature).toMatchObject({
      kind: 'cosign',
      digest,
      verified: true,
      reason: 'key cosign.pub',
      source: tag,
    });
    const unverified = await cosignSignatures(client(), repo('sample'), digest, {});
    expect(trustStatus(unverified)).toBe('signed');
  });

  it("verifies cosign 3's bundle referrer, pushed byte for byte with its referrers tag-schema index", async () => {
    const digest = 'sha256:8baee9b7fbf6cc3287cbc324d5dbaead3da5b54e204b4405e674c553a12625ff';
    await pushBlob(host, repo('bundle-sample'), Buffer.from('{}'));
    await pushBlob(host, repo('bundle-sample'), fixture('cosign-v3.sigstore-bundle.json.raw'));
    const manifest = fixture('cosign-v3-bundle.referrer.manifest.json.raw');
    const referrer = await pushManifest(
      host,
      repo('bundle-sample'),
      'sha256:d563e80095bf4398799e09d8c9b340eaf02b99ac93e0ac04133575857afab7cf',
      manifest,
      OCI_MANIFEST,
    );
    const index = fixture('referrers-tag-index.v2.json.raw');
    await pushManifest(
      host,
      repo('bundle-sample'),
      `sha256-${digest.slice(7)}`,
      index,
      'application/vnd.oci.image.index.v1+json',
    );
    const signatures = await cosignSignatures(client(), repo('bundle-sample'), digest, { keys: [cosignPub] });
    expect(signatures).toEqual([
      expect.objectContaining({ kind: 'cosign', verified: true, reason: 'key cosign.pub', source: referrer }),
    ]);
  });

  it('opens a referrer whatever its index entry claims, and ignores one whose subject is another image', async () => {
    const target = await image('lying-index');
    const other = await image('lying-index', 'v2');
    const { privateKey, publicKey } = p256();
    const key = trustedKey(publicKey, 'release.pub');
    // Listed as an SBOM in the index: it is a cosign 3 bundle, and is verified as one.
    await pushBundleReferrer(
      host,
      repo('lying-index'),
      target,
      sigstoreBundle({ subjectDigest: target.digest, privateKey }),
    );
    const listed = await client().referrersList(repo('lying-index'), target.digest);
    const rewritten = listed.map((d) => ({ ...d, artifactType: 'application/spdx+json' }));
    const referrers = await openReferrers(client(), repo('lying-index'), target.digest, {
      referrers: rewritten,
    });
    const signatures = await cosignSignatures(client(), repo('lying-index'), target.digest, {
      keys: [key],
      referrers,
    });
    expect(signatures).toEqual([expect.objectContaining({ verified: true })]);
    // A signature of `other` slipped into `target`'s index is not about `target`: it is not counted.
    const stray = await pushBundleReferrer(
      host,
      repo('lying-index'),
      other,
      sigstoreBundle({ subjectDigest: other.digest, privateKey }),
    );
    await addToReferrersIndex(host, repo('lying-index'), target.digest, {
      mediaType: OCI_MANIFEST,
      digest: stray.digest,
      size: stray.size,
    });
    const again = await cosignSignatures(client(), repo('lying-index'), target.digest, { keys: [key] });
    expect(again).toHaveLength(1);
  });

  it('verifies classic signatures stored as OCI 1.1 referrers (cosign --registry-referrers-mode oci-1-1)', async () => {
    const target = await image('oci11');
    const { privateKey, publicKey } = p256();
    const layer = classicLayer(cosignPayload(`${host}/${repo('oci11')}`, target.digest), privateKey);
    const empty = Buffer.from('{}');
    const artifactType = 'application/vnd.dev.cosign.artifact.sig.v1+json';
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: await pushBlob(host, repo('oci11'), empty),
        size: 2,
      },
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          digest: await pushBlob(host, repo('oci11'), layer.payload),
          size: layer.payload.length,
          annotations: layer.annotations,
        },
      ],
      subject: { mediaType: target.mediaType, digest: target.digest, size: target.size },
    };
    const pushed = await pushReferrer(host, repo('oci11'), target, manifest, artifactType);
    const signatures = await cosignSignatures(client(), repo('oci11'), target.digest, {
      keys: [trustedKey(publicKey, 'k.pub')],
    });
    expect(signatures).toEqual([expect.objectContaining({ verified: true, source: pushed.digest })]);
  });

  it('reports a classic signature copied onto another image as invalid: it signs another digest', async () => {
    const signed = await image('copied', 'v1');
    const victim = await image('copied', 'v2');
    const { privateKey, publicKey } = p256();
    const layer = classicLayer(cosignPayload(`${host}/${repo('copied')}`, signed.digest), privateKey);
    await pushClassicSignatures(host, repo('copied'), victim.digest, [layer]);
    const signatures = await cosignSignatures(client(), repo('copied'), victim.digest, {
      keys: [trustedKey(publicKey, 'k.pub')],
    });
    expect(signatures).toEqual([
      expect.objectContaining({
        invalid: true,
        reason: `signed digest ${signed.digest} differs from the registry's ${victim.digest} (signed by key k.pub)`,
      }),
    ]);
    expect(trustStatus(signatures)).toBe('invalid');
  });
});

describe('signing with our own key', () => {
  it('writes a classic signature our verifier accepts, shaped exactly like cosign’s', async () => {
    const target = await image('signed');
    const key = generateSigningKey('release');
    const reference = dockerReference(host, repo('signed'));
    const result = await signImage(
      client(),
      { repo: repo('signed'), digest: target.digest, dockerReference: reference },
      key,
    );
    expect(result).toMatchObject({
      tag: `sha256-${target.digest.slice(7)}.sig`,
      signatureCount: 1,
      added: true,
    });

    const signatures = await cosignSignatures(client(), repo('signed'), target.digest, {
      keys: [key.publicKey],
    });
    expect(signatures).toEqual([
      {
        kind: 'cosign',
        digest: target.digest,
        signer: 'release',
        keyId: key.publicKey.keyId,
        certificateChain: [],
        signedAt: null,
        verified: true,
        invalid: false,
        reason: 'key release',
        source: result.tag,
      },
    ]);

    // The same shape as the sample cosign wrote: keys, their order, media types, config.
    const written = await client().manifestGet(repo('signed'), result.tag);
    const shape = (json: string) =>
      json
        .replace(/sha256:[a-f0-9]{64}/g, 'D')
        .replace(/"size":\d+/g, '"size":N')
        .replace(/"[A-Za-z0-9+/=]{60,}"/g, '"SIG"');
    expect(shape(written.bytes.toString())).toBe(
      shape(fixture('cosign-legacy.sig.manifest.json.raw').toString()),
    );
    const layer = written.manifest.kind === 'image' ? written.manifest.layers[0]! : undefined;
    const configDigest = written.manifest.kind === 'image' ? written.manifest.config.digest : '';
    const config = await client().blobGet(repo('signed'), configDigest, 1 << 20);
    expect(shape(config.toString())).toBe(shape(fixture('cosign-legacy.sig.config.json.raw').toString()));
    const payload = await client().blobGet(repo('signed'), layer!.digest, 1 << 20);
    expect(JSON.parse(payload.toString())).toEqual({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': target.digest },
        type: 'cosign container image signature',
      },
      optional: null,
    });
  });

  it('appends to the signatures already there, and does not sign twice with the same key', async () => {
    const target = await image('cosigned');
    const first = generateSigningKey('alice');
    const second = generateSigningKey('bob');
    const sign = (key: typeof first) =>
      signImage(
        client(),
        { repo: repo('cosigned'), digest: target.digest, dockerReference: `${host}/${repo('cosigned')}` },
        key,
      );
    await sign(first);
    expect(await sign(first)).toMatchObject({ added: false, signatureCount: 1 });
    expect(await sign(second)).toMatchObject({ added: true, signatureCount: 2 });

    const both = await cosignSignatures(client(), repo('cosigned'), target.digest, {
      keys: [first.publicKey, second.publicKey],
    });
    expect(both.map((s) => [s.signer, s.verified, s.source])).toEqual([
      ['alice', true, `sha256-${target.digest.slice(7)}.sig (signature 1 of 2)`],
      ['bob', true, `sha256-${target.digest.slice(7)}.sig (signature 2 of 2)`],
    ]);
    const aliceOnly = await cosignSignatures(client(), repo('cosigned'), target.digest, {
      keys: [first.publicKey],
    });
    expect(aliceOnly.map((s) => s.verified)).toEqual([true, false]);
    expect(trustStatus(aliceOnly)).toBe('verified');
    const stranger = generateSigningKey('mallory');
    expect(
      trustStatus(
        await cosignSignatures(client(), repo('cosigned'), target.digest, { keys: [stranger.publicKey] }),
      ),
    ).toBe('signed');
  });

  it('does not verify a signature whose payload was swapped in the registry', async () => {
    const target = await image('swapped');
    const key = generateSigningKey('release');
    const { tag } = await signImage(
      client(),
      { repo: repo('swapped'), digest: target.digest, dockerReference: 'somewhere/else' },
      key,
    );
    const written = await client().manifestGet(repo('swapped'), tag);
    const manifest = JSON.parse(written.bytes.toString());
    const forged = cosignPayload(`${host}/${repo('swapped')}`, target.digest);
    manifest.layers[0].digest = await pushBlob(host, repo('swapped'), forged);
    manifest.layers[0].size = forged.length;
    await pushManifest(host, repo('swapped'), tag, Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST);
    const [signature] = await cosignSignatures(client(), repo('swapped'), target.digest, {
      keys: [key.publicKey],
    });
    expect(signature).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/^signature does not match key release/),
    });
  });
});
