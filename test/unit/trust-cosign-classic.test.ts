import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyClassicLayer } from '../../src-main/core/trust/cosign/classic.js';
import { simpleSigningPayload } from '../../src-main/core/trust/cosign/payload.js';
import { parseTrustRoot } from '../../src-main/core/trust/cosign/trust-root.js';
import { trustedKey } from '../../src-main/core/trust/keys/index.js';
import { der, EKU, makeCertificate, p256 } from '../support/trust-certificates.js';
import { cosignPub, trustFixture, verifiedByCosignPub } from '../support/trust-fixtures.js';
import { classicLayer, cosignPayload, keylessLayer, trustedRoot } from '../support/trust-signers.js';

const read = trustFixture;
const sampleDigest = 'sha256:8f9b62280a13383cc67f86d2d20d6734c1cddc0705a1611857c8f68a3cf9a270';
const sampleLayer = JSON.parse(read('cosign-legacy.sig.manifest.json.raw').toString()).layers[0];
const samplePayload = read('cosign-legacy.simplesigning.payload.json.raw');
const digest = `sha256:${'a'.repeat(64)}`;

describe('classic cosign signatures, key-based', () => {
  it('writes the simple-signing payload byte for byte as cosign does', () => {
    expect(simpleSigningPayload('127.0.0.1:5002/demo', sampleDigest).equals(samplePayload)).toBe(true);
  });

  it("verifies cosign's own signature with cosign.pub", () => {
    expect(
      verifyClassicLayer(sampleLayer, samplePayload, { digest: sampleDigest, keys: [cosignPub] }),
    ).toEqual(verifiedByCosignPub(sampleDigest));
  });

  it('says which key to import when none is, and that the imported keys did not sign it', () => {
    const none = verifyClassicLayer(sampleLayer, samplePayload, { digest: sampleDigest, keys: [] });
    expect(none).toMatchObject({
      verified: false,
      invalid: false,
      reason: 'signed with a key: import its public key (cosign.pub) to verify it',
    });
    const other = trustedKey(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey, 'other.pub');
    const wrong = verifyClassicLayer(sampleLayer, samplePayload, { digest: sampleDigest, keys: [other] });
    expect(wrong).toMatchObject({ verified: false, invalid: false, signer: null });
    expect(wrong.reason).toBe(
      'signature does not match key other.pub: signed by a key you have not imported, or altered since it was signed',
    );
    // With the right key among others, it verifies with that one.
    expect(
      verifyClassicLayer(sampleLayer, samplePayload, { digest: sampleDigest, keys: [other, cosignPub] })
        .reason,
    ).toBe('key cosign.pub');
  });

  it('does not verify a payload altered after signing', () => {
    const tampered = Buffer.from(
      samplePayload.toString().replace('127.0.0.1:5002/demo', '127.0.0.1:5002/evil'),
    );
    expect(
      verifyClassicLayer(sampleLayer, tampered, { digest: sampleDigest, keys: [cosignPub] }),
    ).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/^signature does not match key cosign\.pub/),
    });
  });

  it("is invalid when a genuine signature signs another digest than the registry's", () => {
    const result = verifyClassicLayer(sampleLayer, samplePayload, { digest, keys: [cosignPub] });
    expect(result).toMatchObject({
      verified: false,
      invalid: true,
      digest: sampleDigest,
      signer: 'cosign.pub',
    });
    expect(result.reason).toBe(
      `signed digest ${sampleDigest} differs from the registry's ${digest} (signed by key cosign.pub)`,
    );
  });

  it('checks the payload type, and RSA and Ed25519 keys', () => {
    for (const type of ['rsa', 'ed25519'] as const) {
      const pair =
        type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const key = trustedKey(pair.publicKey, `${type}.pub`);
      const layer = classicLayer(cosignPayload('r/x', digest), pair.privateKey);
      const result = verifyClassicLayer(
        { mediaType: '', digest: '', size: 0, annotations: layer.annotations },
        layer.payload,
        {
          digest,
          keys: [key],
        },
      );
      expect(result).toMatchObject({ verified: true, reason: `key ${type}.pub` });
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const attestation = classicLayer(
      cosignPayload('r/x', digest, 'https://in-toto.io/attestation'),
      privateKey,
    );
    expect(
      verifyClassicLayer(
        { mediaType: '', digest: '', size: 0, annotations: attestation.annotations },
        attestation.payload,
        {
          digest,
          keys: [trustedKey(publicKey, 'k.pub')],
        },
      ),
    ).toMatchObject({ invalid: true, reason: expect.stringContaining('not a cosign image signature') });
    expect(
      verifyClassicLayer({ mediaType: '', digest: '', size: 0 }, samplePayload, { digest, keys: [] }),
    ).toMatchObject({
      invalid: true,
      reason: 'the signature layer carries no signature (dev.cosignproject.cosign/signature)',
    });
  });
});

describe('classic cosign signatures, keyless', () => {
  const issuer = 'https://token.actions.githubusercontent.com';
  const identity = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1';
  const now = Date.now();
  const fulcioRoot = makeCertificate({ commonName: 'sigstore', organization: 'sigstore.dev', ca: true });
  const fulcioIntermediate = makeCertificate({
    commonName: 'sigstore-intermediate',
    issuer: fulcioRoot,
    ca: true,
  });
  const rekorKey = p256().privateKey;
  const root = parseTrustRoot(trustedRoot([fulcioIntermediate, fulcioRoot], rekorKey), 'trusted_root.json');
  const leafFor = (minutes: { from: number; to: number }, issuerCert = fulcioIntermediate) =>
    makeCertificate({
      commonName: '',
      issuer: issuerCert,
      ca: false,
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: [EKU.codeSigning],
      notBefore: new Date(now + minutes.from * 60_000),
      notAfter: new Date(now + minutes.to * 60_000),
      subjectAltName: { uris: [identity] },
      extensions: [{ oid: '1.3.6.1.4.1.57264.1.8', value: der.utf8(issuer) }],
    });
  const layerOf = (l: ReturnType<typeof keylessLayer>) => ({
    mediaType: '',
    digest: '',
    size: 0,
    annotations: l.annotations,
  });
  const payload = cosignPayload('r/x', digest);

  it('shows identity and issuer, unverified, without a trust root', () => {
    const leaf = leafFor({ from: -5, to: 5 });
    const l = keylessLayer(payload, leaf, [fulcioIntermediate, fulcioRoot]);
    const result = verifyClassicLayer(layerOf(l), l.payload, { digest, keys: [] });
    expect(result).toMatchObject({ verified: false, invalid: false, signer: identity, issuer, keyId: null });
    expect(result.certificateChain).toEqual([leaf.pem, fulcioIntermediate.pem, fulcioRoot.pem]);
    expect(result.reason).toBe(
      `keyless signature by ${identity} (issuer ${issuer}): not verified, no Sigstore trust root imported`,
    );
  });

  it('verifies against a trust root: chain to Fulcio, Rekor SET, certificate valid when logged', () => {
    const leaf = leafFor({ from: -5, to: 5 });
    const l = keylessLayer(payload, leaf, [fulcioIntermediate], {
      key: rekorKey,
      integratedTime: Math.floor(now / 1000),
      logIndex: 42,
    });
    const result = verifyClassicLayer(layerOf(l), l.payload, { digest, keys: [], trustRoot: root });
    expect(result).toMatchObject({ verified: true, invalid: false, signer: identity, issuer });
    expect(result.reason).toBe(
      `keyless signature by ${identity} (issuer ${issuer}), verified with the trust root trusted_root.json (Rekor entry 42)`,
    );
    expect(result.signedAt).toBe(new Date(Math.floor(now / 1000) * 1000).toISOString());
  });

  it('is invalid when logged after the short-lived certificate expired, or when the Rekor entry is forged', () => {
    const leaf = leafFor({ from: -30, to: -20 });
    const late = keylessLayer(payload, leaf, [fulcioIntermediate], {
      key: rekorKey,
      integratedTime: Math.floor(now / 1000),
    });
    expect(
      verifyClassicLayer(layerOf(late), late.payload, { digest, keys: [], trustRoot: root }),
    ).toMatchObject({
      invalid: true,
      reason: expect.stringContaining('the certificate was not valid when it was logged'),
    });
    const fresh = leafFor({ from: -5, to: 5 });
    const forged = keylessLayer(payload, fresh, [fulcioIntermediate], {
      key: p256().privateKey,
      integratedTime: Math.floor(now / 1000),
    });
    // Signed by another log's key: the log id is not in the trust root.
    expect(
      verifyClassicLayer(layerOf(forged), forged.payload, { digest, keys: [], trustRoot: root }),
    ).toMatchObject({
      invalid: false,
      verified: false,
      reason: expect.stringContaining('Rekor log'),
    });
    const good = keylessLayer(payload, fresh, [fulcioIntermediate], {
      key: rekorKey,
      integratedTime: Math.floor(now / 1000),
    });
    const bundle = JSON.parse(good.annotations['dev.sigstore.cosign/bundle']!);
    bundle.Payload.integratedTime -= 3600;
    const moved = { ...good.annotations, 'dev.sigstore.cosign/bundle': JSON.stringify(bundle) };
    expect(
      verifyClassicLayer({ mediaType: '', digest: '', size: 0, annotations: moved }, good.payload, {
        digest,
        keys: [],
        trustRoot: root,
      }),
    ).toMatchObject({
      invalid: true,
      reason: expect.stringContaining("signed timestamp does not verify with the log's key"),
    });
  });

  it('cannot verify a certificate from a CA the trust root does not list, nor one without a Rekor entry', () => {
    const otherCa = makeCertificate({ commonName: 'private fulcio', ca: true });
    const leaf = leafFor({ from: -5, to: 5 }, otherCa);
    const l = keylessLayer(payload, leaf, [otherCa], {
      key: rekorKey,
      integratedTime: Math.floor(now / 1000),
    });
    expect(verifyClassicLayer(layerOf(l), l.payload, { digest, keys: [], trustRoot: root })).toMatchObject({
      verified: false,
      invalid: false,
      reason: expect.stringContaining('not issued by a Fulcio CA in the trust root trusted_root.json'),
    });
    const unlogged = keylessLayer(payload, leafFor({ from: -5, to: 5 }), [fulcioIntermediate]);
    expect(
      verifyClassicLayer(layerOf(unlogged), unlogged.payload, { digest, keys: [], trustRoot: root }).reason,
    ).toContain('no Rekor entry proves it was signed while the certificate was valid');
  });

  it('is invalid when the payload was altered, whatever the trust root', () => {
    const l = keylessLayer(payload, leafFor({ from: -5, to: 5 }), [fulcioIntermediate]);
    const altered = Buffer.from(l.payload.toString().replace('r/x', 'r/y'));
    expect(verifyClassicLayer(layerOf(l), altered, { digest, keys: [] })).toMatchObject({
      invalid: true,
      reason: 'the signature does not match the certificate it carries (altered since it was signed)',
    });
  });
});
