import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { cosignSignatures } from '../../src-main/core/trust/cosign/index.js';
import { trustedKey } from '../../src-main/core/trust/keys/index.js';
import { notationSignatures, trustStoreFromPem } from '../../src-main/core/trust/notation/index.js';
import { openReferrers } from '../../src-main/core/trust/referrers.js';
import { trustStatus } from '../../src-main/core/trust/status.js';
import { pushBlob, pushImage, pushManifest } from '../support/registry-content.js';
import { EKU, makeCertificate, notationChain, p256 } from '../support/trust-certificates.js';
import {
  COSE,
  JWS,
  notationCose,
  notationJws,
  pushNotationSignature,
} from '../support/trust-notation-signers.js';
import { pushBundleReferrer, sigstoreBundle } from '../support/trust-signers.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `trust-notation-${run}/${name}`;
const transport = new RegistryTransport({ host });
const client = () => new RegistryClient({ transport });
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/trust', name));

afterAll(async () => {
  await transport.close();
});

const { root, intermediate, signer } = notationChain();
const store = trustStoreFromPem('acme-ca', root.pem);

async function image(name: string) {
  return pushImage(host, repo(name), 'v1', { layers: [Buffer.from(`${name} ${randomUUID()}`)] });
}

describe('finding and verifying Notation signatures in a registry', () => {
  it("verifies notation's own JWS signature, pushed byte for byte with its referrers tag-schema index", async () => {
    const digest = 'sha256:8f9b62280a13383cc67f86d2d20d6734c1cddc0705a1611857c8f68a3cf9a270';
    await pushBlob(host, repo('sample'), Buffer.from('{}'));
    await pushBlob(host, repo('sample'), fixture('notation.jws.json.raw'));
    const manifestDigest = 'sha256:1471e555f2c5f786220b3841333b5015079bc4457e52be10742c2f39b9614e56';
    await pushManifest(
      host,
      repo('sample'),
      manifestDigest,
      fixture('notation.sig.manifest.json.raw'),
      'application/vnd.oci.image.manifest.v1+json',
    );
    await pushManifest(
      host,
      repo('sample'),
      `sha256-${digest.slice(7)}`,
      fixture('referrers-tag-index.v1.json.raw'),
      'application/vnd.oci.image.index.v1+json',
    );
    const sampleStore = trustStoreFromPem('trustlab', fixture('notation-root-ca.crt').toString());
    const signatures = await notationSignatures(client(), repo('sample'), digest, {
      trustStores: [sampleStore],
      size: 401,
      now: new Date('2026-12-01T00:00:00Z'),
    });
    expect(signatures).toEqual([
      expect.objectContaining({
        kind: 'notation',
        digest,
        signer: 'C=US, ST=WA, L=Seattle, O=trustlab, CN=trustlab signer',
        verified: true,
        reason: 'trust store trustlab',
        source: manifestDigest,
      }),
    ]);
  });

  it('verifies JWS and COSE signatures by a test CA, the older config-typed form too, sizing the manifest itself', async () => {
    const target = await image('signed');
    const subject = { mediaType: target.mediaType, digest: target.digest, size: target.size };
    const chain = [signer, intermediate, root];
    const jws = await pushNotationSignature(
      host,
      repo('signed'),
      subject,
      notationJws({ target: subject, chain }),
      JWS,
    );
    const cose = await pushNotationSignature(
      host,
      repo('signed'),
      subject,
      notationCose({ target: subject, chain }),
      COSE,
    );
    const legacy = await pushNotationSignature(
      host,
      repo('signed'),
      subject,
      notationJws({ target: subject, chain }),
      JWS,
      { legacy: true },
    );
    const signatures = await notationSignatures(client(), repo('signed'), target.digest, {
      trustStores: [store],
    });
    expect(signatures.map((s) => [s.source, s.verified, s.reason])).toEqual([
      [jws.digest, true, 'trust store acme-ca'],
      [cose.digest, true, 'trust store acme-ca'],
      [legacy.digest, true, 'trust store acme-ca'],
    ]);
    expect(trustStatus(signatures)).toBe('verified');
    expect(trustStatus(await notationSignatures(client(), repo('signed'), target.digest, {}))).toBe('signed');
  });

  it('finds none on an unsigned image', async () => {
    const target = await image('unsigned');
    expect(
      await notationSignatures(client(), repo('unsigned'), target.digest, { trustStores: [store] }),
    ).toEqual([]);
  });

  it('reports an expired certificate and a signature for another manifest size as invalid', async () => {
    const target = await image('expired');
    const subject = { mediaType: target.mediaType, digest: target.digest, size: target.size };
    const old = makeCertificate({
      commonName: 'retired signer',
      issuer: intermediate,
      ca: false,
      extendedKeyUsage: [EKU.codeSigning],
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2024-01-01T00:00:00Z'),
    });
    await pushNotationSignature(
      host,
      repo('expired'),
      subject,
      notationJws({
        target: subject,
        chain: [old, intermediate, root],
        signingTime: new Date('2023-06-01T00:00:00Z'),
      }),
      JWS,
    );
    await pushNotationSignature(
      host,
      repo('expired'),
      subject,
      notationCose({ target: { ...subject, size: subject.size + 1 }, chain: [signer, intermediate, root] }),
      COSE,
    );
    const signatures = await notationSignatures(client(), repo('expired'), target.digest, {
      trustStores: [store],
    });
    expect(signatures.map((s) => s.reason)).toEqual([
      'certificate CN=retired signer expired on 2024-01-01T00:00:00Z',
      `it signs a manifest of ${subject.size + 1} bytes; the registry's is ${subject.size}`,
    ]);
    expect(trustStatus(signatures)).toBe('invalid');
  });

  it('shares one referrers listing between cosign and Notation', async () => {
    const target = await image('both');
    const subject = { mediaType: target.mediaType, digest: target.digest, size: target.size };
    const { privateKey, publicKey } = p256();
    await pushBundleReferrer(
      host,
      repo('both'),
      subject,
      sigstoreBundle({ subjectDigest: target.digest, privateKey }),
    );
    await pushNotationSignature(
      host,
      repo('both'),
      subject,
      notationJws({ target: subject, chain: [signer, intermediate, root] }),
      JWS,
    );
    const referrers = await openReferrers(client(), repo('both'), target.digest);
    expect(referrers.map((r) => r.artifactType)).toEqual([
      'application/vnd.dev.sigstore.bundle.v0.3+json',
      'application/vnd.cncf.notary.signature',
    ]);
    const cosign = await cosignSignatures(client(), repo('both'), target.digest, {
      keys: [trustedKey(publicKey, 'k.pub')],
      referrers,
    });
    const notation = await notationSignatures(client(), repo('both'), target.digest, {
      trustStores: [store],
      referrers,
    });
    expect([...cosign, ...notation].map((s) => [s.kind, s.verified])).toEqual([
      ['cosign', true],
      ['notation', true],
    ]);
  });
});
