import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../src-main/core/trust/notation/cbor.js';
import { parseCose } from '../../src-main/core/trust/notation/cose.js';
import { trustStoreFromPem } from '../../src-main/core/trust/notation/trust-store.js';
import {
  COSE_MEDIA_TYPE,
  JWS_MEDIA_TYPE,
  verifyEnvelope,
} from '../../src-main/core/trust/notation/verify-envelope.js';
import { EKU, makeCertificate, notationChain, rsa } from '../support/trust-certificates.js';
import { notationCose, notationJws } from '../support/trust-notation-signers.js';

const fixtures = join(import.meta.dirname, '../fixtures/trust');
const sampleJws = readFileSync(join(fixtures, 'notation.jws.json.raw'));
const sampleStore = trustStoreFromPem(
  'trustlab',
  readFileSync(join(fixtures, 'notation-root-ca.crt'), 'utf8'),
);
const sampleDigest = 'sha256:8f9b62280a13383cc67f86d2d20d6734c1cddc0705a1611857c8f68a3cf9a270';
/** Inside the sample leaf's validity (2026-11-27 to 2027-11-27). */
const sampleTime = new Date('2026-12-01T00:00:00Z');

describe('the Notation sample (JWS, signed by notation)', () => {
  it('verifies against its root CA, with signer, chain, key id and signing time', async () => {
    const result = await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, {
      digest: sampleDigest,
      size: 401,
      trustStores: [sampleStore],
      now: sampleTime,
    });
    expect(result).toMatchObject({
      digest: sampleDigest,
      signer: 'C=US, ST=WA, L=Seattle, O=trustlab, CN=trustlab signer',
      keyId: '99540170d08805e716d2c056102c333f329807520d794eb8388a18aaecb83289',
      signedAt: '2026-11-27T01:07:51.000Z',
      verified: true,
      invalid: false,
      reason: 'trust store trustlab',
    });
    expect(result.certificateChain).toHaveLength(2);
    expect(result.certificateChain[1]).toBe(sampleStore.certificates[0]!.pem);
  });

  it('is signed but unverified without a trust store, or with one that is not its CA', async () => {
    const ctx = { digest: sampleDigest, size: 401, now: sampleTime };
    expect(await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, { ...ctx, trustStores: [] })).toMatchObject({
      verified: false,
      invalid: false,
      reason:
        "signed by C=US, ST=WA, L=Seattle, O=trustlab, CN=trustlab signer: no trust store imported (import the signer's CA certificate to verify it)",
    });
    const other = { name: 'acme', certificates: [readCert(notationChain().root.pem)] };
    expect(await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, { ...ctx, trustStores: [other] })).toMatchObject({
      verified: false,
      invalid: false,
      reason: 'not chained to any CA in your trust store',
    });
  });

  it('is invalid for another digest or size, and once its certificate has expired', async () => {
    const ctx = { trustStores: [sampleStore], now: sampleTime };
    const other = `sha256:${'c'.repeat(64)}`;
    expect(
      (await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, { ...ctx, digest: other, size: 401 })).reason,
    ).toBe(`signed digest ${sampleDigest} differs from the registry's ${other}`);
    expect(
      (await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, { ...ctx, digest: sampleDigest, size: 402 })).reason,
    ).toBe("it signs a manifest of 401 bytes; the registry's is 402");
    const later = await verifyEnvelope(sampleJws, JWS_MEDIA_TYPE, {
      ...ctx,
      digest: sampleDigest,
      size: 401,
      now: new Date('2028-01-01T00:00:00Z'),
    });
    expect(later).toMatchObject({
      invalid: true,
      reason:
        'certificate C=US, ST=WA, L=Seattle, O=trustlab, CN=trustlab signer expired on 2027-11-27T01:07:51Z',
    });
  });

  it('is invalid when its payload was altered', async () => {
    const jws = JSON.parse(sampleJws.toString());
    const payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString());
    payload.targetArtifact.digest = `sha256:${'d'.repeat(64)}`;
    jws.payload = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const result = await verifyEnvelope(Buffer.from(JSON.stringify(jws)), JWS_MEDIA_TYPE, {
      digest: payload.targetArtifact.digest,
      size: 401,
      trustStores: [sampleStore],
      now: sampleTime,
    });
    expect(result).toMatchObject({
      invalid: true,
      reason: 'the signature does not match its signing certificate (altered since it was signed)',
    });
  });
});

function readCert(pem: string) {
  return trustStoreFromPem('x', pem).certificates[0]!;
}

describe.each([
  ['JWS', JWS_MEDIA_TYPE, notationJws],
  ['COSE', COSE_MEDIA_TYPE, notationCose],
] as const)('%s envelopes written by test code', (_, mediaType, write) => {
  const target = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${'e'.repeat(64)}`,
    size: 1234,
  };
  const ctx = { digest: target.digest, size: target.size, now: new Date() };
  const { root, intermediate, signer } = notationChain();
  const store = { name: 'acme-ca', certificates: [readCert(root.pem)] };

  it('verify through an intermediate CA to the trust store', async () => {
    const envelope = write({
      target,
      chain: [signer, intermediate, root],
      signingTime: new Date(Date.now() - 60_000),
    });
    const result = await verifyEnvelope(envelope, mediaType, { ...ctx, trustStores: [store] });
    expect(result).toMatchObject({
      verified: true,
      reason: 'trust store acme-ca',
      signer: 'O=stevedore-tests, CN=release signer',
    });
    expect(result.certificateChain).toEqual([signer.pem, intermediate.pem, root.pem]);
  });

  it('with RSA (PS256) too', async () => {
    const rsaSigner = makeCertificate({
      commonName: 'rsa signer',
      issuer: intermediate,
      keys: rsa(),
      ca: false,
      extendedKeyUsage: [EKU.codeSigning],
    });
    const envelope = write({ target, chain: [rsaSigner, intermediate, root] });
    expect(await verifyEnvelope(envelope, mediaType, { ...ctx, trustStores: [store] })).toMatchObject({
      verified: true,
    });
  });

  it('refuse a leaf that is not for code signing, and one without digitalSignature', async () => {
    const server = makeCertificate({
      commonName: 'web server',
      issuer: intermediate,
      ca: false,
      extendedKeyUsage: [EKU.serverAuth],
    });
    expect(
      await verifyEnvelope(write({ target, chain: [server, intermediate, root] }), mediaType, {
        ...ctx,
        trustStores: [store],
      }),
    ).toMatchObject({
      invalid: true,
      reason:
        'the signing certificate "web server" is not for code signing (its extended key usage is serverAuth)',
    });
    const noSign = makeCertificate({
      commonName: 'encipher only',
      issuer: intermediate,
      ca: false,
      keyUsage: ['keyEncipherment'],
    });
    expect(
      (
        await verifyEnvelope(write({ target, chain: [noSign, intermediate, root] }), mediaType, {
          ...ctx,
          trustStores: [store],
        })
      ).reason,
    ).toBe(
      'the signing certificate "encipher only" is not allowed to sign (its key usage lacks digitalSignature)',
    );
    // No EKU at all is allowed by the specification.
    const plain = makeCertificate({ commonName: 'no eku', issuer: intermediate, ca: false });
    expect(
      await verifyEnvelope(write({ target, chain: [plain, intermediate, root] }), mediaType, {
        ...ctx,
        trustStores: [store],
      }),
    ).toMatchObject({
      verified: true,
    });
  });

  it('refuse an expired certificate, a signing time outside its validity, and an expired signature', async () => {
    const expired = makeCertificate({
      commonName: 'old signer',
      issuer: intermediate,
      ca: false,
      extendedKeyUsage: [EKU.codeSigning],
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const signedThen = write({
      target,
      chain: [expired, intermediate, root],
      signingTime: new Date('2024-06-01T00:00:00Z'),
    });
    expect((await verifyEnvelope(signedThen, mediaType, { ...ctx, trustStores: [store] })).reason).toBe(
      'certificate CN=old signer expired on 2025-01-01T00:00:00Z',
    );
    const signedLater = write({
      target,
      chain: [expired, intermediate, root],
      signingTime: new Date('2025-06-01T00:00:00Z'),
    });
    expect((await verifyEnvelope(signedLater, mediaType, { ...ctx, trustStores: [store] })).reason).toMatch(
      /^it was signed on 2025-06-01T00:00:00Z, outside its certificate's validity/,
    );
    const stale = write({ target, chain: [signer, intermediate, root], expiry: new Date(Date.now() - 1000) });
    expect(await verifyEnvelope(stale, mediaType, { ...ctx, trustStores: [store] })).toMatchObject({
      invalid: true,
      reason: expect.stringMatching(/^the signature expired on /),
    });
  });

  it('refuse a broken chain, a plugin extension and a foreign payload type', async () => {
    const otherRoot = notationChain().root;
    const broken = write({ target, chain: [signer, otherRoot] });
    expect(
      (
        await verifyEnvelope(broken, mediaType, {
          ...ctx,
          trustStores: [store, { name: 'other', certificates: [readCert(otherRoot.pem)] }],
        })
      ).reason,
    ).toBe('the certificate chain is broken: "release signer" is not issued by "Stevedore Test Root CA"');
    const plugin = write({
      target,
      chain: [signer, intermediate, root],
      extraCritical: ['io.cncf.notary.verificationPlugin'],
    });
    expect((await verifyEnvelope(plugin, mediaType, { ...ctx, trustStores: [store] })).reason).toBe(
      "it requires io.cncf.notary.verificationPlugin, which Stevedore cannot check (a Notation plugin's extension)",
    );
    const foreign = write({ target, chain: [signer, intermediate, root], contentType: 'application/json' });
    expect((await verifyEnvelope(foreign, mediaType, { ...ctx, trustStores: [store] })).reason).toBe(
      'its payload is not a Notation payload (targetArtifact)',
    );
    expect(
      (await verifyEnvelope(Buffer.from('garbage'), mediaType, { ...ctx, trustStores: [store] })).reason,
    ).toMatch(/signature envelope does not parse/);
  });
});

describe('COSE reading', () => {
  it('reads the signing time as a CBOR epoch date and the chain from x5chain', () => {
    const { root, signer } = notationChain();
    const when = new Date('2026-03-04T05:06:07Z');
    const target = { mediaType: 'm', digest: `sha256:${'f'.repeat(64)}`, size: 1 };
    const envelope = parseCose(notationCose({ target, chain: [signer, root], signingTime: when }));
    expect(envelope).toMatchObject({
      format: 'cose',
      algorithm: 'ES256',
      signingScheme: 'notary.x509',
      signingAgent: 'stevedore-tests/1.0',
    });
    expect(envelope.signingTime).toEqual(when);
    expect(envelope.certificates).toEqual([signer.der, root.der]);
    expect(JSON.parse(envelope.payload.toString())).toEqual({ targetArtifact: target });
  });

  it('refuses truncated, trailing or indefinite-length CBOR', () => {
    expect(() => decodeCbor(Buffer.from([0x82, 0x01]))).toThrow(/truncated/);
    expect(() => decodeCbor(Buffer.from([0x01, 0x02]))).toThrow(/trailing/);
    expect(() => decodeCbor(Buffer.from([0x9f, 0x01, 0xff]))).toThrow(/indefinite/);
    expect(decodeCbor(Buffer.from([0xa1, 0x20, 0x63, 0x61, 0x62, 0x63]))).toEqual(new Map([[-1, 'abc']]));
  });
});
