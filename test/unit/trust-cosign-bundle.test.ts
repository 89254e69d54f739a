import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src-main/core/trust/cosign/bundle-verify.js';
import { parseTrustRoot } from '../../src-main/core/trust/cosign/trust-root.js';
import { trustedKey } from '../../src-main/core/trust/keys/index.js';
import { der, EKU, makeCertificate, p256 } from '../support/trust-certificates.js';
import { cosignPub, trustFixture, verifiedByCosignPub } from '../support/trust-fixtures.js';
import { sigstoreBundle, trustedRoot } from '../support/trust-signers.js';

const sample = trustFixture('cosign-v3.sigstore-bundle.json.raw');
const sampleDigest = 'sha256:8baee9b7fbf6cc3287cbc324d5dbaead3da5b54e204b4405e674c553a12625ff';
const digest = `sha256:${'b'.repeat(64)}`;

describe('cosign 3 bundles, key-based (offline, through @sigstore/verify)', () => {
  it("verifies cosign's own bundle with cosign.pub, found by its key hint", () => {
    expect(verifyBundle(sample, { digest: sampleDigest, keys: [cosignPub] })).toEqual(
      verifiedByCosignPub(sampleDigest),
    );
  });

  it('names the missing key, and refuses an altered statement as not matching the key', () => {
    const other = trustedKey(p256().publicKey, 'other.pub');
    expect(verifyBundle(sample, { digest: sampleDigest, keys: [other] })).toMatchObject({
      verified: false,
      invalid: false,
      reason: 'signed by a key you have not imported (it is not key other.pub)',
    });
    expect(verifyBundle(sample, { digest: sampleDigest, keys: [] }).reason).toBe(
      'signed with a key: import its public key (cosign.pub) to verify it',
    );
    const json = JSON.parse(sample.toString());
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString());
    statement.subject[0].digest.sha256 = digest.slice(7);
    json.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(verifyBundle(Buffer.from(JSON.stringify(json)), { digest, keys: [cosignPub] })).toMatchObject({
      verified: false,
      invalid: true,
      signer: 'cosign.pub',
      reason: 'signature does not match key cosign.pub (altered since it was signed)',
    });
  });

  it("is invalid when the statement's subject is another digest than the registry's", () => {
    expect(verifyBundle(sample, { digest, keys: [cosignPub] })).toMatchObject({
      invalid: true,
      digest: sampleDigest,
      reason: `signed digest ${sampleDigest} differs from the registry's ${digest} (signed by key cosign.pub)`,
    });
  });

  it('reads bundles written by test code, and refuses what is not a bundle', () => {
    const { privateKey, publicKey } = p256();
    const bundle = sigstoreBundle({ subjectDigest: digest, privateKey });
    expect(verifyBundle(bundle, { digest, keys: [trustedKey(publicKey, 'mine.pub')] })).toMatchObject({
      verified: true,
    });
    const wrongType = sigstoreBundle({ subjectDigest: digest, privateKey, payloadType: 'text/plain' });
    expect(verifyBundle(wrongType, { digest, keys: [trustedKey(publicKey, 'mine.pub')] })).toMatchObject({
      invalid: true,
      reason: expect.stringContaining('not an in-toto statement'),
    });
    expect(verifyBundle(Buffer.from('{"mediaType":"x"}'), { digest, keys: [] })).toMatchObject({
      invalid: true,
      reason: expect.stringMatching(/^the Sigstore bundle does not parse/),
    });
  });
});

describe('Sigstore trust roots', () => {
  it('refuse what is not a trusted_root.json, saying so', () => {
    expect(() => parseTrustRoot('{}', 'root.json')).toThrow(
      expect.objectContaining({
        code: 'TRUST_ROOT_INVALID',
        message: expect.stringMatching(/^root\.json is not a Sigstore trusted root/),
      }),
    );
    const bad = JSON.parse(trustedRoot([makeCertificate({ commonName: 'ca', ca: true })], p256().privateKey));
    bad.certificateAuthorities[0].certChain.certificates[0].rawBytes = 'AAAA';
    expect(() => parseTrustRoot(JSON.stringify(bad), 'root.json')).toThrow(
      expect.objectContaining({ code: 'TRUST_ROOT_INVALID' }),
    );
  });
});

describe('cosign 3 bundles, keyless', () => {
  const issuer = 'https://accounts.google.com';
  const email = 'release@example.com';
  const now = Date.now();
  const fulcioRoot = makeCertificate({ commonName: 'sigstore', organization: 'sigstore.dev', ca: true });
  const fulcio = makeCertificate({ commonName: 'sigstore-intermediate', issuer: fulcioRoot, ca: true });
  const rekor = p256().privateKey;
  const root = parseTrustRoot(trustedRoot([fulcio, fulcioRoot], rekor), 'trusted_root.json');
  const leaf = makeCertificate({
    commonName: '',
    issuer: fulcio,
    ca: false,
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: [EKU.codeSigning],
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + 5 * 60_000),
    subjectAltName: { emails: [email] },
    extensions: [
      { oid: '1.3.6.1.4.1.57264.1.1', value: Buffer.from(issuer) },
      { oid: '1.3.6.1.4.1.57264.1.8', value: der.utf8(issuer) },
    ],
  });
  const logged = (integratedTime: number) =>
    sigstoreBundle({
      subjectDigest: digest,
      privateKey: leaf.privateKey,
      certificates: [leaf],
      rekor: { key: rekor, integratedTime },
    });

  it('shows the identity, unverified, without a trust root', () => {
    const result = verifyBundle(logged(Math.floor(now / 1000)), { digest, keys: [] });
    expect(result).toMatchObject({
      verified: false,
      invalid: false,
      signer: email,
      issuer,
      certificateChain: [leaf.pem],
    });
    expect(result.reason).toBe(
      `keyless signature by ${email} (issuer ${issuer}): not verified, no Sigstore trust root imported`,
    );
  });

  it('verifies with the trust root: Fulcio chain, Rekor inclusion promise, certificate valid at log time', () => {
    const result = verifyBundle(logged(Math.floor(now / 1000)), { digest, keys: [], trustRoot: root });
    expect(result).toMatchObject({ verified: true, invalid: false, signer: email, issuer });
    expect(result.reason).toBe(
      `keyless signature by ${email} (issuer ${issuer}), verified with the trust root trusted_root.json`,
    );
  });

  it('refuses a log entry made after the certificate expired, and a bundle from an unknown CA', () => {
    expect(
      verifyBundle(logged(Math.floor(now / 1000) + 3600), { digest, keys: [], trustRoot: root }),
    ).toMatchObject({
      verified: false,
      invalid: true,
      reason: `keyless signature by ${email} (issuer ${issuer}): the certificate was not valid when it was logged`,
    });
    const stranger = makeCertificate({ commonName: 'other', ca: true });
    const otherRoot = parseTrustRoot(trustedRoot([stranger], rekor), 'other_root.json');
    expect(
      verifyBundle(logged(Math.floor(now / 1000)), { digest, keys: [], trustRoot: otherRoot }),
    ).toMatchObject({
      verified: false,
      invalid: false,
      reason: expect.stringContaining('not issued by a Fulcio CA in your trust root'),
    });
  });
});
