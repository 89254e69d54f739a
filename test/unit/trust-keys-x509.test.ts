import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keylessIdentity } from '../../src-main/core/trust/cosign/identity.js';
import { readCertificate, readCertificates } from '../../src-main/core/trust/keys/index.js';
import { der, EKU, makeCertificate, notationChain } from '../support/trust-certificates.js';

const fixtures = join(import.meta.dirname, '../fixtures/trust');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-x509-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading certificates', () => {
  it("reads the Notation sample's chain: names, validity, key usage, EKU, CA flag", async () => {
    const jws = JSON.parse(await readFile(join(fixtures, 'notation.jws.json.raw'), 'utf8'));
    const [leaf, root] = jws.header.x5c.map((b64: string) => readCertificate(Buffer.from(b64, 'base64')));
    expect(leaf.subject).toBe('C=US, ST=WA, L=Seattle, O=trustlab, CN=trustlab signer');
    expect(leaf.notBefore.toISOString()).toBe('2026-11-27T01:07:51.000Z');
    expect(leaf.notAfter.toISOString()).toBe('2027-11-27T01:07:51.000Z');
    expect(leaf.keyUsage).toEqual({ critical: true, usages: ['digitalSignature'] });
    expect(leaf.extendedKeyUsage).toEqual([EKU.codeSigning]);
    expect(leaf.basicConstraints).toEqual({ critical: true, ca: false, pathLength: null });
    // The thumbprints the signature manifest's annotation lists.
    expect([leaf.sha256, root.sha256]).toEqual([
      '99540170d08805e716d2c056102c333f329807520d794eb8388a18aaecb83289',
      '24143b92606d84d71637c2cc56e3ed04798f2cd207edcccf6137095e2bff8e29',
    ]);
    expect(root.basicConstraints).toMatchObject({ critical: true, ca: true });
    expect(root.keyUsage?.usages).toEqual(['keyCertSign', 'cRLSign']);
    expect(readCertificates(await readFile(join(fixtures, 'notation-root-ca.crt'), 'utf8'))[0]!.sha256).toBe(
      root.sha256,
    );
  });

  it('refuses what is not a certificate with CERTIFICATE_INVALID', () => {
    expect(() => readCertificate(Buffer.from('garbage'))).toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_INVALID' }),
    );
    expect(() => readCertificates('no pem')).toThrow(/No "BEGIN CERTIFICATE" block/);
  });
});

describe('the test CA (test/support/trust-certificates.ts)', () => {
  it('makes chains openssl verifies, with the extensions asked for', async () => {
    const { root, intermediate, signer } = notationChain();
    await writeFile(join(dir, 'root.pem'), root.pem);
    await writeFile(join(dir, 'intermediate.pem'), intermediate.pem);
    await writeFile(join(dir, 'signer.pem'), signer.pem);
    const { stdout } = await promisify(execFile)('openssl', [
      'verify',
      '-x509_strict',
      '-CAfile',
      join(dir, 'root.pem'),
      '-untrusted',
      join(dir, 'intermediate.pem'),
      join(dir, 'signer.pem'),
    ]);
    expect(stdout.trim()).toBe(`${join(dir, 'signer.pem')}: OK`);
    const read = readCertificate(signer.der);
    expect(read.keyUsage).toEqual({ critical: true, usages: ['digitalSignature'] });
    expect(read.extendedKeyUsage).toEqual([EKU.codeSigning]);
    expect(readCertificate(intermediate.der).basicConstraints).toEqual({
      critical: true,
      ca: true,
      pathLength: 0,
    });
  });

  it('writes Fulcio identities that keylessIdentity reads (SAN email or URI, issuer v1 and v2)', () => {
    const issuer = 'https://token.actions.githubusercontent.com';
    const byEmail = makeCertificate({
      commonName: 'sigstore',
      subjectAltName: { emails: ['dev@example.com'] },
      extensions: [{ oid: '1.3.6.1.4.1.57264.1.1', value: Buffer.from('https://accounts.example.com') }],
    });
    expect(keylessIdentity(readCertificate(byEmail.der))).toEqual({
      identity: 'dev@example.com',
      issuer: 'https://accounts.example.com',
    });
    const byUri = makeCertificate({
      commonName: 'sigstore',
      subjectAltName: { uris: ['https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'] },
      extensions: [
        { oid: '1.3.6.1.4.1.57264.1.1', value: Buffer.from('https://v1.example') },
        { oid: '1.3.6.1.4.1.57264.1.8', value: der.utf8(issuer) },
      ],
    });
    expect(keylessIdentity(readCertificate(byUri.der))).toEqual({
      identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
      issuer,
    });
  });
});
