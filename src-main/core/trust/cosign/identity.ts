import { derText, readDer } from '../keys/der.js';
import { type Certificate, commonName, extension } from '../keys/x509.js';

/** Fulcio's OIDC issuer extensions: v1 holds the raw string, v2 (…1.8) a DER UTF8String. */
export const FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
export const FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

export interface KeylessIdentity {
  /** The certificate's identity: the SAN email or URI (a CI workflow), else its subject. */
  identity: string;
  /** The OIDC issuer Fulcio wrote in the certificate, when it did. */
  issuer: string | null;
}

/** Who a Fulcio (keyless) certificate was issued to, and by which OIDC provider they logged in. */
export function keylessIdentity(cert: Certificate): KeylessIdentity {
  const { emails, uris } = cert.subjectAltNames;
  return { identity: emails[0] ?? uris[0] ?? commonName(cert), issuer: oidcIssuer(cert) };
}

function oidcIssuer(cert: Certificate): string | null {
  const v2 = extension(cert, FULCIO_ISSUER_V2);
  if (v2) {
    try {
      return derText(readDer(v2.value));
    } catch {
      // fall back to v1, which every Fulcio also writes
    }
  }
  const v1 = extension(cert, FULCIO_ISSUER_V1);
  return v1 ? v1.value.toString('utf8') : null;
}
