/**
 * The renderer reads names and dates out of certificates for the chain diagram, without Node's
 * Buffer. Held against Node's own X509Certificate, on a chain made by the test CA and on the
 * Notation root CA fixture (a real one, written by notation's tooling).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateFacts } from '../../src-renderer/src/lib/certificate-facts.js';
import { makeCertificate, notationChain } from '../support/trust-certificates.js';

const FIXTURE = resolve(import.meta.dirname, '..', 'fixtures', 'trust', 'notation-root-ca.crt');

/** Node prints names one attribute a line (`CN=x\nO=y`); ours joins them with commas. */
const joined = (name: string) => name.split('\n').join(', ');

describe('certificateFacts', () => {
  it('reads subject, issuer, validity and CA-ness of each certificate in a chain', () => {
    const { root, intermediate, signer } = notationChain();
    for (const certificate of [root, intermediate, signer]) {
      const facts = certificateFacts(certificate.pem);
      const x509 = new X509Certificate(certificate.pem);
      expect(facts).not.toBeNull();
      expect(facts?.subject).toBe(joined(x509.subject));
      expect(facts?.issuer).toBe(joined(x509.issuer));
      expect(Date.parse(facts?.notBefore ?? '')).toBe(Date.parse(x509.validFrom));
      expect(Date.parse(facts?.notAfter ?? '')).toBe(Date.parse(x509.validTo));
      expect(facts?.isCa).toBe(x509.ca);
    }
    expect(certificateFacts(signer.pem)?.commonName).toBe('release signer');
    expect(certificateFacts(root.pem)?.selfSigned).toBe(true);
    expect(certificateFacts(intermediate.pem)?.selfSigned).toBe(false);
  });

  it('lists the emails and URIs keyless identities live in', () => {
    const leaf = makeCertificate({
      commonName: '',
      subjectAltName: {
        emails: ['dev@example.com'],
        uris: ['https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'],
      },
    });
    const facts = certificateFacts(leaf.pem);
    expect(facts?.altNames).toEqual([
      'dev@example.com',
      'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
    ]);
  });

  it('reads GeneralizedTime past 2049 as well as UTCTime', () => {
    const late = makeCertificate({ commonName: 'late', notAfter: new Date('2051-03-04T05:06:07Z') });
    expect(certificateFacts(late.pem)?.notAfter).toBe('2051-03-04T05:06:07Z');
  });

  it('reads a certificate written by other tooling', () => {
    const pem = readFileSync(FIXTURE, 'utf8');
    const x509 = new X509Certificate(pem);
    const facts = certificateFacts(pem);
    expect(facts?.subject).toBe(joined(x509.subject));
    expect(facts?.isCa).toBe(x509.ca);
  });

  it('gives null for what is not a readable certificate, never throws', () => {
    expect(certificateFacts('')).toBeNull();
    expect(certificateFacts('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----')).toBeNull();
    expect(certificateFacts('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBeNull();
  });
});
