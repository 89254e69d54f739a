import type { Certificate } from './x509.js';

/** Whether `issuer` issued `cert`: names match and its key verifies the certificate's signature. */
export function issuedBy(cert: Certificate, issuer: Certificate): boolean {
  try {
    return cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

export function selfSigned(cert: Certificate): boolean {
  return issuedBy(cert, cert);
}

export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a.sha256 === b.sha256;
}

/**
 * The issuing path from `leaf` through certificates of `pool` (intermediates, anchors), leaf
 * first, ending at a self-signed certificate or where no issuer is found. At most `maxDepth`
 * certificates: a loop or an absurd chain is cut, not followed.
 */
export function issuingPath(leaf: Certificate, pool: readonly Certificate[], maxDepth = 8): Certificate[] {
  const path = [leaf];
  let current = leaf;
  while (path.length < maxDepth && !selfSigned(current)) {
    const issuer = pool.find(
      (candidate) => !path.some((c) => sameCertificate(c, candidate)) && issuedBy(current, candidate),
    );
    if (!issuer) break;
    path.push(issuer);
    current = issuer;
  }
  return path;
}

/** Whether the certificate was within its validity period at `at`. */
export function validAt(cert: Certificate, at: Date): boolean {
  return cert.notBefore <= at && at <= cert.notAfter;
}
